package io.ovpo.compliance;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collection;

/** An ingest body being built: {@code {"items": [{"item_type", "data"}, ...]}} (spec 02 §1). */
public final class Batch {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final ArrayNode items = root.putArray("items");

  private Batch() {}

  public static Batch of() {
    return new Batch();
  }

  public Batch add(String itemType, ObjectNode data) {
    ObjectNode item = items.addObject();
    item.put("item_type", itemType);
    item.set("data", data);
    return this;
  }

  public Batch trace(ObjectNode data) {
    return add("trace", data);
  }

  public Batch span(ObjectNode data) {
    return add("span", data);
  }

  public Batch frame(ObjectNode data) {
    return add("frame_event", data);
  }

  public Batch frames(Collection<ObjectNode> data) {
    data.forEach(this::frame);
    return this;
  }

  public Batch manifest(ObjectNode data) {
    return add("artifact_manifest", data);
  }

  /** A new batch with the same items (deep copies), to which more can be added. */
  public Batch copy() {
    Batch b = new Batch();
    items.forEach(i -> b.items.add(i.deepCopy()));
    return b;
  }

  public int size() {
    return items.size();
  }

  public ObjectNode json() {
    return root;
  }

  public byte[] bytes() {
    try {
      return JSON.writeValueAsBytes(root);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
