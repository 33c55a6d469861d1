package io.ovpo.app.cli.config;

import io.ovpo.app.cli.CliException;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Profile files: {@code <config dir>/<name>.properties}, Java properties with the settings {@code
 * url} and {@code api_key}. Files are written readable by their owner only, and reading one that
 * others can read gives a warning, because it holds a secret.
 */
public final class ProfileStore {
  /** The profile read when none is named. */
  public static final String DEFAULT = "default";

  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$");
  private static final Set<String> SETTINGS = Set.of("url", "api_key");

  private final Path dir;

  public ProfileStore(Path dir) {
    this.dir = dir;
  }

  /** The folder holding the profiles. */
  public Path dir() {
    return dir;
  }

  /** The file of a profile (whether or not it exists). */
  public Path file(String name) {
    if (!NAME.matcher(name).matches()) {
      throw CliException.usage(
          "profile name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-'");
    }
    return dir.resolve(name + ".properties");
  }

  /**
   * Reads a profile.
   *
   * @return empty when its file does not exist
   * @throws CliException (usage) when the file cannot be read or has an unknown setting
   */
  public Optional<Profile> load(String name) {
    Path file = file(name);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(r);
    } catch (IOException | IllegalArgumentException e) {
      throw CliException.usage("cannot read profile file " + file + ": " + e.getMessage());
    }
    for (String key : p.stringPropertyNames()) {
      if (!SETTINGS.contains(key)) {
        throw CliException.usage(
            "unknown setting '" + key + "' in " + file + " (known: url, api_key)");
      }
    }
    return Optional.of(new Profile(name, file, value(p, "url"), value(p, "api_key")));
  }

  /** True when the file exists and users other than its owner may read it. */
  public static boolean readableByOthers(Path file) {
    if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      return false;
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      return perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Writes a profile, replacing the file, readable by its owner only.
   *
   * @return the file written
   */
  public Path save(String name, Optional<String> url, Optional<String> apiKey) {
    Path file = file(name);
    Properties p = new Properties();
    url.ifPresent(u -> p.setProperty("url", u));
    apiKey.ifPresent(k -> p.setProperty("api_key", k));
    StringWriter text = new StringWriter();
    try {
      p.store(text, "ovpo profile '" + name + "' (holds a secret: keep it mode 600)");
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
      ownerOnly(tmp);
      Files.writeString(tmp, text.toString(), StandardCharsets.UTF_8);
      Files.move(
          tmp,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void ownerOnly(Path file) throws IOException {
    if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(
          file, EnumSet.copyOf(PosixFilePermissions.fromString("rw-------")));
    }
  }

  private static Optional<String> value(Properties p, String key) {
    return Optional.ofNullable(p.getProperty(key)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
