package io.ovpo.app.cli.config;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * One profile file's settings.
 *
 * @param name the profile name ({@code default}, {@code prod}, ...)
 * @param file the file it was read from
 * @param url the {@code url} setting
 * @param apiKey the {@code api_key} setting; never printed
 */
public record Profile(String name, Path file, Optional<String> url, Optional<String> apiKey) {
  public Profile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(apiKey, "apiKey");
  }

  @Override
  public String toString() {
    return "Profile[name=" + name + ", file=" + file + ", url=" + url.orElse("none") + "]";
  }
}
