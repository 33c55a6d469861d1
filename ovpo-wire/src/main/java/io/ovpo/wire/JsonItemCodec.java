package io.ovpo.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemJson;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.out.ItemCodec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The envelope payload codec: {@code {"items": [{"item_type": ..., "data": ...}]}}, the same JSON
 * as an ingest body. Encoding is deterministic (same items, same bytes), so content hashes of
 * payloads are stable. Decoding checks the structure and rebuilds every record through {@link
 * ModelReader}, so the model's rules hold again on the processor side; anything wrong is an {@link
 * IllegalArgumentException} naming the place ({@code /items/3/data/start_time: ...}).
 *
 * <p>Stateless and thread-safe.
 */
public final class JsonItemCodec implements ItemCodec {
  private static final byte[] PREFIX = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] SUFFIX = "]}".getBytes(StandardCharsets.US_ASCII);

  public JsonItemCodec() {}

  @Override
  public byte[] encode(List<IngestItem> items) {
    Objects.requireNonNull(items, "items");
    ObjectNode root = WireJson.object();
    ArrayNode list = root.putArray("items");
    for (IngestItem item : items) {
      list.add(ModelWriter.item(Objects.requireNonNull(item, "item")));
    }
    return WireJson.toBytes(root);
  }

  /**
   * The same payload format, with each item that comes with its received JSON copied as it is: it
   * is a batch item object that passed the strict parse and the schema, so it decodes to the same
   * record. Deterministic too: the same items and bytes give the same payload.
   */
  @Override
  public byte[] encode(List<IngestItem> items, List<Optional<ItemJson>> received) {
    Objects.requireNonNull(items, "items");
    Objects.requireNonNull(received, "received");
    if (items.size() != received.size()) {
      throw new IllegalArgumentException("one received JSON (or none) per item");
    }
    byte[][] encoded = new byte[items.size()][];
    int size = PREFIX.length + SUFFIX.length + Math.max(0, items.size() - 1);
    for (int i = 0; i < items.size(); i++) {
      Optional<ItemJson> json = received.get(i);
      if (json.isPresent()) {
        size += json.get().length();
      } else {
        encoded[i] = WireJson.toBytes(ModelWriter.item(Objects.requireNonNull(items.get(i))));
        size += encoded[i].length;
      }
    }
    byte[] out = new byte[size];
    System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
    int at = PREFIX.length;
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      if (encoded[i] != null) {
        System.arraycopy(encoded[i], 0, out, at, encoded[i].length);
        at += encoded[i].length;
      } else {
        ItemJson json = received.get(i).orElseThrow();
        System.arraycopy(json.source(), json.offset(), out, at, json.length());
        at += json.length();
      }
    }
    System.arraycopy(SUFFIX, 0, out, at, SUFFIX.length);
    return out;
  }

  @Override
  public List<IngestItem> decode(byte[] payload) {
    Objects.requireNonNull(payload, "payload");
    JsonNode root;
    try {
      root = WireJson.parse(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("payload is not valid JSON: " + e.getOriginalMessage(), e);
    }
    JsonNode items = root.get("items");
    if (!root.isObject() || items == null || !items.isArray()) {
      throw new IllegalArgumentException("payload must be an object with an items array");
    }
    List<IngestItem> out = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      String pointer = "/items/" + i;
      JsonFields item = JsonFields.of(items.get(i), pointer);
      String wire = item.text("item_type");
      ItemType type =
          ItemType.fromWire(wire)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          pointer + "/item_type: unknown item type '" + wire + "'"));
      out.add(ModelReader.item(type, item.req("data"), pointer + "/data"));
    }
    return List.copyOf(out);
  }
}
