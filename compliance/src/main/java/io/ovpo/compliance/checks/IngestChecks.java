package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.http.Call;
import io.ovpo.compliance.http.Reply;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** The ingest contract of spec 02: batch receipts, partial failure, item validation. */
public final class IngestChecks {
  private static final String PATH = "/v1/ingest/batch";

  private IngestChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "ingest.accepted-batch-receipt",
            "02 §3.1, §5",
            "A valid batch of the four item types is answered 202 with a complete batch receipt",
            IngestChecks::acceptedBatch),
        check(
            "ingest.partial-failure",
            "02 §3",
            "Valid items are accepted and queued while invalid ones are listed in errors, in order",
            IngestChecks::partialFailure),
        check(
            "ingest.nothing-accepted-is-400-receipt",
            "02 §3.1",
            "A batch with no valid item is answered 400 with the batch receipt, not an error body",
            IngestChecks::nothingAccepted),
        check(
            "ingest.closed-objects",
            "01 §2, 00 §2.4 rule 5",
            "An entity member the spec does not define is a SCHEMA_VIOLATION at its pointer",
            IngestChecks::closedObjects));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "ingest", spec, title, body);
  }

  /** A call to the ingest endpoint with the key under test and nothing else. */
  static Call post(Session s) {
    return s.http().call("POST", PATH).key(s.apiKey());
  }

  /** A valid one-trace batch. */
  static Batch oneTrace(Session s) {
    return Batch.of().trace(s.items().trace(Items.id(), "RUNNING", Items.past()));
  }

  static void acceptedBatch(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch batch =
        Batch.of()
            .trace(s.items().trace(traceId, "RUNNING", t0))
            .span(Items.span(traceId, "LOAD", t0.plusSeconds(1), t0.plusSeconds(2)))
            .frame(Items.generated(traceId, 0, t0.plusSeconds(3)))
            .manifest(Items.manifest(traceId, Items.artifact("VIDEO", "s3://compliance/v.mp4")));
    Reply r = status(s.ingest(s.apiKey(), batch), 202);
    that(
        r.header("Content-Type").orElse("").startsWith("application/json"),
        "%s: Content-Type must be application/json, got %s",
        r.describe(),
        r.header("Content-Type").orElse("none"));
    JsonNode receipt = r.json();
    Set<String> members = new TreeSet<>();
    receipt.fieldNames().forEachRemaining(members::add);
    equal(
        members,
        new TreeSet<>(
            Set.of("request_id", "processed_items", "failed_items", "duplicate", "errors")),
        "receipt members");
    equal(receipt.path("processed_items").asInt(-1), 4, "processed_items");
    equal(receipt.path("failed_items").asInt(-1), 0, "failed_items");
    equal(
        receipt.path("duplicate").isBoolean() && !receipt.path("duplicate").asBoolean(),
        true,
        "duplicate is false");
    that(
        receipt.path("errors").isArray() && receipt.path("errors").isEmpty(),
        "errors must be [] when every item is valid, got %s",
        receipt.path("errors"));
    equal(
        receipt.path("request_id").asText(),
        r.header("X-Request-Id").orElse(null),
        "receipt request_id vs X-Request-Id header");
  }

  static void partialFailure(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode backwards = Items.span(traceId, "DECODE", t0.plusSeconds(5), t0.plusSeconds(4));
    ObjectNode negativeFrame = Items.generated(traceId, 0, t0.plusSeconds(2));
    negativeFrame.put("frame_index", -1);
    Batch batch =
        Batch.of()
            .trace(s.items().trace(traceId, "RUNNING", t0))
            .span(backwards)
            .frame(negativeFrame)
            .add("bogus", Items.span(traceId, "LOAD", t0, null));
    Reply r = status(s.ingest(s.apiKey(), batch), 202);
    JsonNode receipt = r.json();
    equal(receipt.path("processed_items").asInt(-1), 1, "processed_items");
    equal(receipt.path("failed_items").asInt(-1), 3, "failed_items");
    List<JsonNode> errors = new ArrayList<>();
    receipt.path("errors").forEach(errors::add);
    for (int i = 1; i < errors.size(); i++) {
      JsonNode a = errors.get(i - 1);
      JsonNode b = errors.get(i);
      int byIndex = Integer.compare(a.path("item_index").asInt(), b.path("item_index").asInt());
      that(
          byIndex < 0
              || (byIndex == 0
                  && a.path("field").asText().compareTo(b.path("field").asText()) <= 0),
          "errors must be ordered by item_index, then field: %s",
          receipt.path("errors"));
    }
    expectItemError(errors, 1, "span", "SEMANTIC_VIOLATION", "/data/end_time");
    expectItemError(errors, 2, "frame_event", "SCHEMA_VIOLATION", "/data/frame_index");
    expectItemError(errors, 3, null, "SCHEMA_VIOLATION", null);
    for (JsonNode e : errors) {
      that(e.path("item_index").asInt() != 0, "the valid item 0 must not be listed: %s", e);
      String message = e.path("message").asText("");
      that(
          !message.isEmpty() && message.length() <= 2048,
          "error message must be 1..2048 chars: %s",
          e);
    }
    s.awaitTrace(traceId, "the valid trace of a partly failed batch to be stored", d -> true);
  }

  static void expectItemError(
      List<JsonNode> errors, int index, String itemType, String code, String field) {
    for (JsonNode e : errors) {
      if (e.path("item_index").asInt(-1) != index) {
        continue;
      }
      JsonNode type = e.path("item_type");
      boolean typeOk = itemType == null ? type.isNull() : itemType.equals(type.asText());
      if (typeOk
          && code.equals(e.path("code").asText())
          && (field == null || field.equals(e.path("field").asText()))) {
        return;
      }
    }
    throw new CheckFailure(
        "expected an error for item "
            + index
            + " with item_type "
            + itemType
            + ", code "
            + code
            + (field == null ? "" : ", field " + field)
            + "; errors were "
            + errors);
  }

  static void nothingAccepted(Session s) {
    ObjectNode bad = s.items().trace(Items.id(), "RUNNING", Items.past());
    bad.put("status", "DONE");
    Reply r = status(s.ingest(s.apiKey(), Batch.of().trace(bad).trace(bad.deepCopy())), 400);
    JsonNode receipt = r.json();
    that(
        !receipt.has("error"),
        "a batch with no accepted item answers the receipt, got %s",
        r.excerpt());
    equal(receipt.path("processed_items").asInt(-1), 0, "processed_items");
    equal(receipt.path("failed_items").asInt(-1), 2, "failed_items");
    equal(receipt.path("duplicate").asBoolean(true), false, "duplicate");
    equal(receipt.path("errors").size() >= 2, true, "every failed item has an error entry");
  }

  static void closedObjects(Session s) {
    ObjectNode trace = s.items().trace(Items.id(), "RUNNING", Items.past());
    trace.put("colour", "blue");
    Reply r = status(s.ingest(s.apiKey(), Batch.of().trace(trace)), 400);
    expectItemError(list(r.json().path("errors")), 0, "trace", "SCHEMA_VIOLATION", "/data/colour");
  }

  static List<JsonNode> list(JsonNode array) {
    List<JsonNode> out = new ArrayList<>();
    for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
      out.add(it.next());
    }
    return out;
  }
}
