package io.ovpo.schemas;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;

/** Strict JSON reading: one value, no duplicate keys, nothing after it. */
final class JsonParsing {
  // A duplicate key would let two readers of the same bytes see different values.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build();

  private JsonParsing() {}

  /** The parsed value, or an error describing why the bytes are not one JSON value. */
  static Parsed read(byte[] json) {
    try {
      JsonNode node = MAPPER.readTree(json);
      if (node == null || node.isMissingNode()) {
        return new Parsed(Optional.empty(), Optional.of(malformed("there is no JSON value")));
      }
      return new Parsed(Optional.of(node), Optional.empty());
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + ")";
      return new Parsed(Optional.empty(), Optional.of(malformed(e.getOriginalMessage() + where)));
    } catch (IOException e) {
      return new Parsed(Optional.empty(), Optional.of(malformed(e.getMessage())));
    }
  }

  private static ValidationError malformed(String why) {
    return new ValidationError(
        -1,
        Optional.empty(),
        "",
        ValidationError.MALFORMED_JSON,
        "json",
        "(root): is not valid JSON: " + why);
  }

  /** Either a value or the error that prevented reading one. */
  record Parsed(Optional<JsonNode> value, Optional<ValidationError> error) {}
}
