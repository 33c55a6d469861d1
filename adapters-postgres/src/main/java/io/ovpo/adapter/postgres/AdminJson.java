package io.ovpo.adapter.postgres;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.RetentionPolicy;
import io.ovpo.ports.model.TenantConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** JSON of tenant configuration and stored ingest receipts. */
final class AdminJson {
  private AdminJson() {}

  static String tenantConfig(TenantConfig c) {
    ObjectNode o = Json.object();
    o.put("rate_tier", c.rateTier());
    o.put("hardware_profile", c.hardwareProfile());
    o.put("default_legal_hold", c.defaultLegalHold());
    ObjectNode r = o.putObject("retention");
    RetentionPolicy p = c.retention();
    r.put("frame_events", p.frameEvents().toString());
    r.put("traces", p.traces().toString());
    r.put("artifacts", p.artifacts().toString());
    Json.put(r, "audit", p.audit().map(Duration::toString));
    return Json.write(o);
  }

  static TenantConfig tenantConfig(String json) {
    JsonNode o = Json.read(json);
    JsonNode r = o.get("retention");
    return new TenantConfig(
        o.get("rate_tier").asText(),
        o.get("hardware_profile").asText(),
        o.get("default_legal_hold").asBoolean(),
        new RetentionPolicy(
            Duration.parse(r.get("frame_events").asText()),
            Duration.parse(r.get("traces").asText()),
            Duration.parse(r.get("artifacts").asText()),
            Json.optText(r, "audit").map(Duration::parse)));
  }

  static String receipt(IngestReceipt receipt) {
    ObjectNode o = Json.object();
    o.put("request_id", receipt.requestId());
    o.put("http_status", receipt.httpStatus());
    o.put("processed_items", receipt.processedItems());
    o.put("failed_items", receipt.failedItems());
    o.put("duplicate", receipt.duplicate());
    ArrayNode errors = o.putArray("errors");
    for (ItemError e : receipt.errors()) {
      ObjectNode n = errors.addObject();
      n.put("item_index", e.itemIndex());
      Json.put(n, "item_type", e.itemType().map(ItemType::wire));
      n.put("code", e.code().name());
      n.put("field", e.field());
      n.put("message", e.message());
    }
    return Json.write(o);
  }

  static IngestReceipt receipt(String json) {
    JsonNode o = Json.read(json);
    List<ItemError> errors = new ArrayList<>();
    for (JsonNode n : o.get("errors")) {
      errors.add(
          new ItemError(
              n.get("item_index").asInt(),
              Json.optText(n, "item_type").flatMap(ItemType::fromWire),
              ErrorCode.valueOf(n.get("code").asText()),
              n.get("field").asText(),
              n.get("message").asText()));
    }
    return new IngestReceipt(
        o.get("request_id").asText(),
        o.get("http_status").asInt(),
        o.get("processed_items").asInt(),
        o.get("failed_items").asInt(),
        o.get("duplicate").asBoolean(),
        errors);
  }
}
