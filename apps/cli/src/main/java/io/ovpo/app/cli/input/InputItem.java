package io.ovpo.app.cli.input;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.schemas.EntityType;
import java.util.Objects;
import java.util.Optional;

/**
 * One item of an input file, as the ingest API takes it.
 *
 * @param index its index in the file, from 0
 * @param item the item {@code {"item_type", "data"}} (a bare entity wrapped into one); empty when
 *     the element could not be made into an item (see {@code problem})
 * @param type the type its {@code item_type} names, when known
 * @param id the entity's id (trace_id, span_id, event_id or manifest_id), "" when unknown
 * @param problem why the element is not an item at all (not an object, unknown type, bad line)
 */
public record InputItem(
    int index,
    Optional<ObjectNode> item,
    Optional<EntityType> type,
    String id,
    Optional<Problem> problem) {
  public InputItem {
    if (index < 0) {
      throw new IllegalArgumentException("index must be >= 0");
    }
    Objects.requireNonNull(item, "item");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(problem, "problem");
    if (item.isEmpty() == problem.isEmpty()) {
      throw new IllegalArgumentException("an input item has an item or a problem, not both");
    }
  }

  /** The {@code item_type} text, for display; "" when unknown. */
  public String typeName() {
    return type.map(EntityType::wireName)
        .orElse(item.map(i -> i.path("item_type").asText("")).orElse(""));
  }
}
