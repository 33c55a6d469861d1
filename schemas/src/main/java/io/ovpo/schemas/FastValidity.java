package io.ovpo.schemas;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The collector's fast path: hand-written checks of the {@code frame_event} and {@code span} items
 * (by far the most frequent ones) that prove an item valid without the JSON Schema engine, which
 * spends most of the ingest CPU otherwise.
 *
 * <p>The checks never decide that an item is invalid: {@link #provesValid} returns false for
 * anything it does not recognize as certainly valid, and the schema engine then validates the item
 * and reports its errors as before. So the errors are always the engine's, and the only claim the
 * checks make, "the schema accepts this", is what the differential tests verify against the engine
 * over the examples and thousands of generated and mutated items.
 *
 * <p>The checks mirror the schema files as they are; {@link #mirrors} compares the files' content
 * with the digests below, and a validator over any other schemas does not use the fast path. A
 * schema change therefore switches it off (a test then fails) until the checks are updated too.
 */
final class FastValidity {
  /** SHA-256 of each mirrored schema's compact JSON (whitespace does not count). */
  static final Map<String, String> MIRRORED =
      Map.of(
          "common.json", "4c947e348e6976fba320712d401d7466aebfb8710aa5b60a2ed49639b96885db",
          "frame_event.json", "ace058293b85534a65b8fa832d6f9892006975b547cc6135cc2e04e8a1e00eb4",
          "span.json", "f182fe02782e5ddb1298b88a790f4c32d8f387ff58872dbb36ca49a2ee780b09",
          "ingest_batch.json", "4454f7f5ae2472dfd47fae506e94e14a8cf1fda08a2e23dfc9704e0f1921b370");

  private static final ObjectMapper JSON = new ObjectMapper();

  private FastValidity() {}

  /**
   * True only when the item ({@code {"item_type", "data"}}, validated as {@code
   * ingest_batch.json#/$defs/item}) is a frame_event or span that the schemas certainly accept.
   */
  static boolean provesValid(JsonNode item) {
    if (!item.isObject() || item.size() != 2) {
      return false;
    }
    JsonNode type = item.get("item_type");
    JsonNode data = item.get("data");
    if (type == null || data == null || !type.isTextual()) {
      return false;
    }
    return switch (type.textValue()) {
      case "frame_event" -> FrameEventShape.valid(data);
      case "span" -> SpanShape.valid(data);
      default -> false;
    };
  }

  /** True when the source serves exactly the schemas these checks were written from. */
  static boolean mirrors(SchemaSource source) {
    for (Map.Entry<String, String> e : MIRRORED.entrySet()) {
      try (InputStream in = source.open(e.getKey())) {
        if (!e.getValue().equals(digest(in.readAllBytes()))) {
          return false;
        }
      } catch (IOException | RuntimeException ex) {
        return false;
      }
    }
    return true;
  }

  /** Hex SHA-256 of a schema's compact JSON. */
  static String digest(byte[] schemaFile) throws IOException {
    String compact = JSON.readTree(schemaFile).toString();
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256")
                  .digest(compact.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
