package io.ovpo.app.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * What ovpo reads from its surroundings: environment variables and the home folder. Tests pass
 * their own, so no test depends on the machine's variables or writes to the real home.
 *
 * @param variables the environment variables
 * @param home the user's home folder
 */
public record Environment(Map<String, String> variables, Path home) {
  /** Narrowest terminal a table is fitted to; narrower COLUMNS values are raised to this. */
  public static final int MIN_WIDTH = 40;

  /** Width used when COLUMNS is not set (a pipe, or a shell that does not export it). */
  public static final int DEFAULT_WIDTH = 80;

  public Environment {
    variables = Map.copyOf(variables);
    java.util.Objects.requireNonNull(home, "home");
  }

  /** The process's environment and {@code user.home}. */
  public static Environment system() {
    return new Environment(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /** A variable's value; empty when unset or blank. */
  public Optional<String> get(String name) {
    return Optional.ofNullable(variables.get(name)).map(String::strip).filter(v -> !v.isEmpty());
  }

  /**
   * The folder of profile files: {@code OVPO_CONFIG_DIR}, else {@code $XDG_CONFIG_HOME/ovpo}, else
   * {@code ~/.config/ovpo}.
   */
  public Path configDir() {
    return get("OVPO_CONFIG_DIR")
        .map(Path::of)
        .or(() -> get("XDG_CONFIG_HOME").map(x -> Path.of(x, "ovpo")))
        .orElse(home.resolve(".config").resolve("ovpo"));
  }

  /** The terminal width: {@code COLUMNS} (bin/ovpo exports it), else 80; at least 40. */
  public int width() {
    int width = DEFAULT_WIDTH;
    Optional<String> columns = get("COLUMNS");
    if (columns.isPresent()) {
      try {
        width = Integer.parseInt(columns.get());
      } catch (NumberFormatException e) {
        width = DEFAULT_WIDTH;
      }
    }
    return Math.max(MIN_WIDTH, width);
  }

  /** Whether the locale is UTF-8, so box and ellipsis characters display (else ASCII is used). */
  public boolean unicode() {
    for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
      Optional<String> v = get(name);
      if (v.isPresent()) {
        String s = v.get().toLowerCase(Locale.ROOT);
        return s.contains("utf-8") || s.contains("utf8");
      }
    }
    return false;
  }
}
