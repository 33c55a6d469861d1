package io.ovpo.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.ovpo.ports.model.ItemJson;
import io.ovpo.schemas.Limits;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads a well-formed ingest body, {@code {"items": [{...}, ...]}} with 1 to 10,000 objects and
 * nothing after it, item by item with the strict streaming parser, keeping each item's tree and its
 * byte range in the body. Any other body, malformed or not, gives empty: {@link BatchDecoder} then
 * reads it as one tree and reports exactly what is wrong, as it always has.
 */
final class ItemScanner {
  /** One item: its tree and where its JSON lies in the body. */
  record Scanned(JsonNode node, ItemJson json) {}

  // The parser's duplicate detection keeps a set of names per object; the tree reader sees a
  // duplicate for free when it stores a member twice, so it refuses them instead. (A duplicate at
  // the top level shows as a second member after items.) Same limits as WireJson otherwise.
  private static final JsonFactory FACTORY =
      WireJson.factory().rebuild().disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  // Items are read one at a time from the middle of the body, so there are tokens after each.
  private static final ObjectReader ITEM_READER =
      JsonMapper.builder(FACTORY)
          .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
          .disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .build()
          .reader();

  private ItemScanner() {}

  static Optional<List<Scanned>> scan(byte[] body) {
    if (WireJson.notUtf8(body)) {
      return Optional.empty();
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT
          || p.nextToken() != JsonToken.FIELD_NAME
          || !"items".equals(p.currentName())
          || p.nextToken() != JsonToken.START_ARRAY) {
        return Optional.empty();
      }
      List<Scanned> items = new ArrayList<>();
      JsonToken t;
      while ((t = p.nextToken()) == JsonToken.START_OBJECT) {
        if (items.size() == Limits.MAX_ITEMS) {
          return Optional.empty();
        }
        long start = p.currentTokenLocation().getByteOffset();
        JsonNode node = ITEM_READER.readTree(p);
        long end = p.currentLocation().getByteOffset();
        items.add(new Scanned(node, new ItemJson(body, (int) start, (int) (end - start))));
      }
      if (t != JsonToken.END_ARRAY
          || items.isEmpty()
          || p.nextToken() != JsonToken.END_OBJECT
          || p.nextToken() != null) {
        return Optional.empty();
      }
      return Optional.of(items);
    } catch (IOException | RuntimeException e) {
      // Malformed, or over a read constraint: the tree path gives the precise error.
      return Optional.empty();
    }
  }
}
