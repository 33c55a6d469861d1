package io.ovpo.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.out.ItemCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
