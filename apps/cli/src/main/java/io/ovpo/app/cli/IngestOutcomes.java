package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.input.Batches;
import io.ovpo.app.cli.input.InputFile;
import io.ovpo.app.cli.input.InputItem;
import io.ovpo.app.cli.input.Problem;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.OutputFormat;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import io.ovpo.schemas.EntityType;
import io.ovpo.wire.WireJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What became of each item of an ingest file: accepted, rejected (locally or by the server, with
 * the errors), or not sent; and the report printed from it.
 */
final class IngestOutcomes {
  static final String ACCEPTED = "accepted";
  static final String REJECTED = "rejected";
  static final String NOT_SENT = "not sent";

  /** One item's result; {@code batch} is 0 when the item was never in a batch. */
  record Outcome(String result, int batch, List<Problem> errors) {}

  private final InputFile in;
  private final Map<Integer, Outcome> outcomes = new LinkedHashMap<>();
  private final ArrayNode batches = WireJson.mapper().createArrayNode();

  IngestOutcomes(InputFile in) {
    this.in = in;
  }

  /** An item refused before sending (not an item at all, or too large). */
  void rejectLocally(InputItem item, Problem why) {
    outcomes.put(item.index(), new Outcome(REJECTED, 0, List.of(why)));
  }

  /** The record of one batch in the JSON report, to fill in as it is sent. */
  ObjectNode batch(int number, Batches.Batch b, String key) {
    ObjectNode bj = batches.addObject();
    bj.put("batch", number);
    bj.put("items", b.items().size());
    bj.put("idempotency_key", key);
    return bj;
  }

  /** Each item of the batch is accepted unless the receipt lists errors for it. */
  void applyReceipt(Batches.Batch b, int batch, JsonNode receipt) {
    Map<Integer, List<Problem>> errors = new LinkedHashMap<>();
    for (JsonNode e : receipt.path("errors")) {
      int idx = e.path("item_index").asInt(-1);
      if (idx < 0 || idx >= b.items().size()) {
        continue;
      }
      errors
          .computeIfAbsent(idx, x -> new ArrayList<>())
          .add(
              new Problem(
                  b.items().get(idx).index(),
                  e.path("item_type").isTextual()
                      ? Optional.of(e.path("item_type").asText())
                      : Optional.empty(),
                  e.path("field").asText(""),
                  e.path("code").asText(""),
                  e.path("message").asText("")));
    }
    for (int i = 0; i < b.items().size(); i++) {
      List<Problem> es = errors.get(i);
      outcomes.put(
          b.items().get(i).index(),
          es == null ? new Outcome(ACCEPTED, batch, List.of()) : new Outcome(REJECTED, batch, es));
    }
  }

  /** The server refused the whole batch as such: every item of it is rejected with that error. */
  void rejectBatch(Batches.Batch b, int batch, String code, String message) {
    for (InputItem i : b.items()) {
      outcomes.put(
          i.index(),
          new Outcome(
              REJECTED,
              batch,
              List.of(
                  new Problem(i.index(), i.type().map(EntityType::wireName), "", code, message))));
    }
  }

  /** The batch was not delivered. */
  void notSent(Batches.Batch b, int batch, String why) {
    for (InputItem i : b.items()) {
      outcomes.put(
          i.index(),
          new Outcome(
              NOT_SENT,
              batch,
              List.of(new Problem(i.index(), Optional.empty(), "", "NOT_SENT", why))));
    }
  }

  boolean allAccepted() {
    return outcomes.values().stream().allMatch(o -> o.result().equals(ACCEPTED));
  }

  private long count(String result) {
    return outcomes.values().stream().filter(o -> o.result().equals(result)).count();
  }

  /** The report: a JSON document, or a table of items (all, or only those not accepted). */
  void print(Printer p, boolean failedOnly) {
    if (p.format() == OutputFormat.JSON) {
      p.json(json());
      return;
    }
    Table t = table(failedOnly);
    if (!(t.isEmpty() && failedOnly && p.isTable())) {
      p.table(t);
    }
    if (!p.isTable()) {
      return;
    }
    if (!t.isEmpty()) {
      p.line("");
    }
    p.line(
        count(ACCEPTED)
            + " accepted, "
            + count(REJECTED)
            + " rejected, "
            + count(NOT_SENT)
            + " not sent ("
            + in.items().size()
            + " items, "
            + batches.size()
            + (batches.size() == 1 ? " batch)" : " batches)"));
    long replayed = 0;
    for (JsonNode b : batches) {
      replayed += b.path("receipt").path("duplicate").asBoolean(false) ? 1 : 0;
    }
    if (replayed > 0) {
      p.line(
          replayed
              + " of "
              + batches.size()
              + (batches.size() == 1 ? " batch was" : " batches were")
              + " sent before with the same idempotency key: the server replayed the first"
              + " receipt and stored nothing twice");
    }
  }

  private Table table(boolean failedOnly) {
    Table t =
        Table.of(
            Column.number("ITEM"),
            Column.text("TYPE"),
            Column.text("ID"),
            Column.number("BATCH"),
            Column.fixed("RESULT"),
            Column.text("CODE"),
            Column.text("FIELD"),
            Column.text("MESSAGE"));
    for (InputItem i : in.items()) {
      Outcome out = outcomes.get(i.index());
      if (failedOnly && out.result().equals(ACCEPTED)) {
        continue;
      }
      String index = Integer.toString(i.index());
      String batch = out.batch() > 0 ? Integer.toString(out.batch()) : "-";
      if (out.errors().isEmpty()) {
        t.row(index, i.typeName(), i.id(), batch, out.result(), "", "", "");
      }
      for (Problem pr : out.errors()) {
        t.row(
            index,
            i.typeName(),
            i.id(),
            batch,
            out.result(),
            pr.code(),
            pr.pointer(),
            pr.message());
      }
    }
    return t;
  }

  private ObjectNode json() {
    ObjectNode o = WireJson.object();
    o.put("file", in.file().toString());
    o.put("accepted", count(ACCEPTED));
    o.put("rejected", count(REJECTED));
    o.put("not_sent", count(NOT_SENT));
    o.set("batches", batches);
    ArrayNode items = o.putArray("items");
    for (InputItem i : in.items()) {
      Outcome out = outcomes.get(i.index());
      ObjectNode j = items.addObject();
      j.put("item_index", i.index());
      j.put("item_type", i.typeName());
      j.put("id", i.id());
      j.put("result", out.result());
      if (out.batch() > 0) {
        j.put("batch", out.batch());
      } else {
        j.putNull("batch");
      }
      ArrayNode es = j.putArray("errors");
      for (Problem pr : out.errors()) {
        es.addObject()
            .put("code", pr.code())
            .put("field", pr.pointer())
            .put("message", pr.message());
      }
    }
    return o;
  }
}
