package io.ovpo.app.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.core.validation.SemanticValidator;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.schemas.SchemaValidator;
import io.ovpo.wire.JsonItemCodec;
import io.ovpo.wire.ModelWriter;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Thousands of random and mutated batches against a running collector: it never answers 5xx (the
 * queue is in memory and never refuses here), never stops answering, and never queues an item that
 * is invalid: items broken on purpose never reach the queue, everything queued passes the schema
 * and the semantic rules again, and the receipts' processed_items add up to what was queued.
 */
class ITIngestFuzz {
  private static final int REQUESTS = 2_500;
  private static final long SEED = 0x0F0A_2026L;
  private static final Set<Integer> ALLOWED = Set.of(202, 400, 413, 415, 422);

  private static TestCollector collector;
  private static String key;

  @BeforeAll
  static void start() {
    collector = new TestCollector();
    key = collector.tenantKey("unlimited");
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @Test
  void randomAndMutatedBatches_neverGet5xx_andNeverQueueAnInvalidItem() {
    FuzzCases cases = new FuzzCases(SEED);
    Set<String> brokenOnPurpose = new HashSet<>();
    TreeMap<String, Integer> statusesByKind = new TreeMap<>();
    long acceptedByReceipts = 0;
    long queued = 0;
    for (int i = 0; i < REQUESTS; i++) {
      FuzzCases.Case c = cases.next();
      brokenOnPurpose.addAll(c.invalidIds());
      Call.Response r = send(c);
      String where = "request " + i + " (" + c.kind() + "): " + r.text();
      statusesByKind.merge(c.kind() + " " + r.status(), 1, Integer::sum);
      assertThat(r.status()).as(where).isIn(ALLOWED);
      if (isReceipt(r)) {
        JsonNode body = r.json();
        int processed = body.get("processed_items").asInt();
        int failed = body.get("failed_items").asInt();
        if (c.itemCount() >= 0) {
          assertThat(processed + failed).as(where).isEqualTo(c.itemCount());
          assertThat(failed).as(where).isGreaterThanOrEqualTo(c.invalidIds().size());
        }
        if (!body.get("duplicate").asBoolean()) {
          acceptedByReceipts += processed;
        }
      }
      if (i % 250 == 249) {
        queued += checkQueued(brokenOnPurpose);
      }
    }
    queued += checkQueued(brokenOnPurpose);

    assertThat(queued).isEqualTo(acceptedByReceipts);
    assertThat(brokenOnPurpose).hasSizeGreaterThan(500);
    assertThat(statusesByKind.keySet()).as("statuses seen").contains("valid 202", "mutated 202");
    assertThat(Call.get(collector, "/health").send().status()).isEqualTo(200);
  }

  private static boolean isReceipt(Call.Response r) {
    return (r.status() == 202 || r.status() == 400) && r.json().has("processed_items");
  }

  private static Call.Response send(FuzzCases.Case c) {
    Call call = Call.ingest(collector).key(key).header("Content-Type", c.contentType());
    if (c.gzip()) {
      call.header("Content-Encoding", "gzip");
    }
    if (c.idempotencyKey() != null) {
      call.header("Idempotency-Key", c.idempotencyKey());
    }
    return call.body(c.body()).send();
  }

  /** Drains the queue; every item must be valid and none broken on purpose. */
  private static long checkQueued(Set<String> brokenOnPurpose) {
    SchemaValidator schemas = Oracle.SCHEMAS;
    long n = 0;
    for (Envelope e : collector.drainQueue()) {
      for (IngestItem item : Oracle.CODEC.decode(e.payload())) {
        n++;
        String id = item.itemType().wire() + ":" + item.itemId();
        assertThat(brokenOnPurpose).as("queued item broken on purpose").doesNotContain(id);
        assertThat(schemas.validateItem(0, ModelWriter.item(item)).errors()).as(id).isEmpty();
        assertThat(SemanticValidator.validate(0, item, e.receivedAt())).as(id).isEmpty();
        assertThat(e.partitionKey()).isEqualTo(e.tenantId().value() + ":" + item.traceId().value());
      }
    }
    return n;
  }

  /** An independent second look at what was queued. */
  private static final class Oracle {
    static final SchemaValidator SCHEMAS = SchemaValidator.fromClasspath();
    static final JsonItemCodec CODEC = new JsonItemCodec();
  }
}
