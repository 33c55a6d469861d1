package io.ovpo.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The repository copy of the schemas and their examples, as the tests see them. */
final class Examples {
  static final ObjectMapper JSON = new ObjectMapper();

  /** Invalid example name → what it must produce. */
  record Expectation(String schema, String code, String pointer, String keyword) {
    EntityType type() {
      return EntityType.fromWireName(schema)
          .orElseThrow(() -> new IllegalStateException("unknown schema " + schema));
    }
  }

  private Examples() {}

  /** {@code schemas/v0.08}; surefire passes it, an IDE run from the module folder finds it too. */
  static Path schemaDir() {
    return Path.of(System.getProperty("ovpo.schemas.dir", "v0.08"));
  }

  static Path validDir() {
    return schemaDir().resolve("examples/valid");
  }

  static Path invalidDir() {
    return schemaDir().resolve("examples/invalid");
  }

  static List<Path> validFiles() {
    return jsonFiles(validDir());
  }

  static List<Path> invalidFiles() {
    return jsonFiles(invalidDir()).stream()
        .filter(p -> !p.getFileName().toString().equals("expectations.json"))
        .toList();
  }

  static List<Path> schemaFiles() {
    try (Stream<Path> files = Files.list(schemaDir())) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Map<String, Expectation> expectations() {
    JsonNode root = read(invalidDir().resolve("expectations.json"));
    Map<String, Expectation> out = new LinkedHashMap<>();
    root.fields()
        .forEachRemaining(
            e ->
                out.put(
                    e.getKey(),
                    new Expectation(
                        e.getValue().path("schema").asText(),
                        e.getValue().path("code").asText(),
                        e.getValue().path("pointer").asText(),
                        e.getValue().path("keyword").asText())));
    return out;
  }

  static JsonNode read(Path file) {
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> jsonFiles(Path dir) {
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
