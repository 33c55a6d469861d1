package io.ovpo.app.server;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file of the repository that is generated from code or from the spec and checked by a test: the
 * test fails when the committed file differs from what would be generated, writes the fresh version
 * under {@code target/generated-docs/} and says how to take it. Run with {@code
 * -Dovpo.docs.update=true} to write it in place instead.
 */
final class GeneratedDoc {
  static final String UPDATE_PROPERTY = "ovpo.docs.update";

  private GeneratedDoc() {}

  /** The repository root: the first parent of the working directory that holds spec/v0.08. */
  static Path repoRoot() {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      if (Files.isDirectory(d.resolve("spec/v0.08")) && Files.isDirectory(d.resolve("apps"))) {
        return d;
      }
    }
    throw new IllegalStateException("no repository root above " + dir);
  }

  static String read(String relative) throws IOException {
    return Files.readString(repoRoot().resolve(relative), StandardCharsets.UTF_8);
  }

  /** Fails unless {@code relative} holds exactly {@code expected} (or updates it when asked). */
  static void check(String relative, String expected, String testName) throws IOException {
    Path file = repoRoot().resolve(relative);
    if (Boolean.getBoolean(UPDATE_PROPERTY)) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
      return;
    }
    String actual = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    if (actual.equals(expected)) {
      return;
    }
    Path fresh = Path.of("target/generated-docs").resolve(file.getFileName()).toAbsolutePath();
    Files.createDirectories(fresh.getParent());
    Files.writeString(fresh, expected, StandardCharsets.UTF_8);
    fail(
        relative
            + " is out of date. Take the generated version:\n  cp "
            + fresh
            + " "
            + file
            + "\nor regenerate in place:\n  mvn -pl apps/server -am test -Dtest="
            + testName
            + " -Dsurefire.failIfNoSpecifiedTests=false -D"
            + UPDATE_PROPERTY
            + "=true");
  }
}
