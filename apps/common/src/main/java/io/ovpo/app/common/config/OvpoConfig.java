package io.ovpo.app.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;

/**
 * OVPO's configuration, read once at start-up from {@code OVPO_*} environment variables and an
 * optional properties file ({@code OVPO_CONFIG_FILE}; the environment wins). Every value is checked
 * up front, so a bad setting stops the process with all problems listed, before anything listens.
 */
public final class OvpoConfig {
  private final EnumMap<Setting, String> values;
  private final List<String> warnings;

  private OvpoConfig(EnumMap<Setting, String> values, List<String> warnings) {
    this.values = values;
    this.warnings = List.copyOf(warnings);
  }

  /** Reads the process environment. */
  public static OvpoConfig fromEnvironment() {
    return load(System.getenv());
  }

  /** Reads the given variables (tests pass their own map). */
  public static OvpoConfig load(Map<String, String> env) {
    Map<String, String> merged = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    String file = env.getOrDefault(Setting.CONFIG_FILE.key(), "").trim();
    if (!file.isEmpty()) {
      merged.putAll(readFile(Path.of(file), problems));
    }
    env.forEach(
        (k, v) -> {
          if (k.startsWith("OVPO_")) {
            merged.put(k, v);
          }
        });
    List<String> warnings = new ArrayList<>();
    merged.keySet().stream()
        .filter(k -> Setting.byKey(k).isEmpty() && !k.startsWith("OVPO_TEST_"))
        .forEach(k -> warnings.add("unknown setting " + k + " is ignored (typo?)"));
    EnumMap<Setting, String> values = new EnumMap<>(Setting.class);
    for (Setting s : Setting.values()) {
      String v = merged.getOrDefault(s.key(), s.defaultValue()).trim();
      check(s, v, problems);
      values.put(s, v);
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new OvpoConfig(values, warnings);
  }

  private static Map<String, String> readFile(Path path, List<String> problems) {
    Map<String, String> out = new TreeMap<>();
    try (Reader r = Files.newBufferedReader(path)) {
      Properties p = new Properties();
      p.load(r);
      p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    } catch (IOException e) {
      problems.add(
          Setting.CONFIG_FILE.key() + ": cannot read " + path + " (" + e.getMessage() + ")");
    }
    return out;
  }

  private static void check(Setting s, String v, List<String> problems) {
    switch (s.kind()) {
      case INT -> {
        try {
          if (Integer.parseInt(v) < 0) {
            problems.add(s.key() + " must not be negative");
          }
        } catch (NumberFormatException e) {
          problems.add(
              s.key() + " must be a whole number (was '" + (s.secret() ? "****" : v) + "')");
        }
      }
      case BOOL -> {
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
          problems.add(s.key() + " must be true or false (was '" + v + "')");
        }
      }
      case CHOICE -> {
        if (!s.choices().contains(v)) {
          problems.add(
              s.key()
                  + " must be one of "
                  + String.join(" | ", s.choices())
                  + " (was '"
                  + v
                  + "')");
        }
      }
      case STRING -> {
        if (v.isEmpty()) {
          problems.add(s.key() + " must not be empty");
        }
      }
      case OPTIONAL -> {}
    }
    if (s == Setting.EVENT_STORE
        && !v.isEmpty()
        && !List.of("memory", "postgres", "clickhouse").contains(v)) {
      problems.add(s.key() + " must be one of memory | postgres | clickhouse (was '" + v + "')");
    }
    if ((s == Setting.CURSOR_SECRET || s == Setting.SIGNING_SECRET)
        && !v.isEmpty()
        && v.length() < 32) {
      problems.add(s.key() + " must be at least 32 characters");
    }
  }

  public String string(Setting s) {
    return values.get(s);
  }

  /** Empty when the setting is unset or blank. */
  public Optional<String> optional(Setting s) {
    String v = values.get(s);
    return v.isEmpty() ? Optional.empty() : Optional.of(v);
  }

  public int integer(Setting s) {
    return Integer.parseInt(values.get(s));
  }

  public boolean bool(Setting s) {
    return Boolean.parseBoolean(values.get(s));
  }

  public int port() {
    return integer(Setting.PORT);
  }

  public String store() {
    return string(Setting.STORE);
  }

  public String eventStore() {
    return optional(Setting.EVENT_STORE).orElse(store());
  }

  public String queue() {
    return string(Setting.QUEUE);
  }

  /** Problems that do not stop start-up (unknown OVPO_* keys). */
  public List<String> warnings() {
    return warnings;
  }

  /** The effective configuration, one {@code KEY=value} per line, secrets masked. */
  public List<String> describe() {
    List<String> lines = new ArrayList<>();
    for (Setting s : Setting.values()) {
      String v = values.get(s);
      String shown = s.secret() && !v.isEmpty() ? mask(s, v) : v.isEmpty() ? "(unset)" : v;
      lines.add(s.key() + "=" + shown);
    }
    return lines;
  }

  private static String mask(Setting s, String v) {
    if (s == Setting.BOOTSTRAP_API_KEY && v.startsWith("ovpo_") && v.indexOf('_', 5) > 0) {
      return v.substring(0, v.indexOf('_', 5) + 1) + "****";
    }
    if (s == Setting.REDIS_URL) {
      return v.replaceAll("//[^@/]*@", "//****@");
    }
    return "****";
  }

  @Override
  public String toString() {
    return String.join(", ", describe());
  }
}
