package io.ovpo.app.collector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Concurrently;
import io.ovpo.testkit.Fixtures;
import io.ovpo.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/** The ingest endpoint over real HTTP: statuses, bodies and headers of spec 02. */
class ITIngestHandler {
  private static TestCollector collector;
  private static String key;
  private Fixtures fx;

  @BeforeAll
  static void start() {
    collector = new TestCollector();
    key = collector.tenantKey("unlimited");
  }

  @AfterAll
  static void stop() {
    collector.close();
  }

  @BeforeEach
  void setUp(TestInfo info) {
    fx = Fixtures.forTest(info.getDisplayName());
    collector.drainQueue();
  }

  private Call ingest() {
    return Call.ingest(collector).key(key);
  }

  private static void assertRateLimitHeaders(Call.Response r) {
    assertThat(r.header("X-RateLimit-Limit")).isPresent();
    assertThat(r.header("X-RateLimit-Remaining")).isPresent();
    assertThat(r.header("X-RateLimit-Reset")).isPresent();
  }

  private static void assertError(Call.Response r, int status, String code) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.errorCode()).isEqualTo(code);
    assertThat(r.json().path("error").path("request_id").asText())
        .isEqualTo(r.header("X-Request-Id").orElseThrow());
    assertRateLimitHeaders(r);
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  @Test
  void validBatch_isAccepted_andEveryItemIsQueued() {
    List<IngestItem> items = Batches.oneOfEach(fx);

    Call.Response r = ingest().body(Batches.bodyOf(items.toArray(IngestItem[]::new))).send();

    assertThat(r.status()).as(r.text()).isEqualTo(202);
    JsonNode body = r.json();
    assertThat(fieldNames(body))
        .containsExactly("request_id", "processed_items", "failed_items", "duplicate", "errors");
    assertThat(body.get("request_id").asText()).isEqualTo(r.header("X-Request-Id").orElseThrow());
    assertThat(body.get("processed_items").asInt()).isEqualTo(4);
    assertThat(body.get("failed_items").asInt()).isZero();
    assertThat(body.get("duplicate").asBoolean()).isFalse();
    assertThat(body.get("errors")).isEmpty();
    assertRateLimitHeaders(r);
    assertThat(collector.drainItems()).containsExactlyInAnyOrderElementsOf(items);
  }

  @Test
  void partialBatch_queuesTheValidItems_andListsEveryFailure() {
    TraceId t = fx.traceId();
    ObjectNode schemaBroken = Batches.node(new IngestItem.SpanItem(fx.span(t).build()));
    ((ObjectNode) schemaBroken.get("data")).remove("start_time");
    ObjectNode semanticBroken = Batches.node(new IngestItem.SpanItem(fx.span(t).build()));
    ((ObjectNode) semanticBroken.get("data")).put("end_time", "2020-01-01T00:00:00.000Z");
    IngestItem good1 = new IngestItem.FrameEventItem(fx.event(t).frame(0).build());
    IngestItem good2 = new IngestItem.FrameEventItem(fx.event(t).frame(1).build());

    Call.Response r =
        ingest()
            .body(
                Batches.body(
                    List.of(
                        Batches.node(good1), schemaBroken, semanticBroken, Batches.node(good2))))
            .send();

    assertThat(r.status()).as(r.text()).isEqualTo(202);
    JsonNode body = r.json();
    assertThat(body.get("processed_items").asInt()).isEqualTo(2);
    assertThat(body.get("failed_items").asInt()).isEqualTo(2);
    JsonNode errors = body.get("errors");
    assertThat(errors).hasSize(2);
    assertThat(fieldNames(errors.get(0)))
        .containsExactly("item_index", "item_type", "code", "field", "message");
    assertThat(errors.get(0).get("item_index").asInt()).isEqualTo(1);
    assertThat(errors.get(0).get("item_type").asText()).isEqualTo("span");
    assertThat(errors.get(0).get("code").asText()).isEqualTo("SCHEMA_VIOLATION");
    assertThat(errors.get(0).get("field").asText()).isEqualTo("/data/start_time");
    assertThat(errors.get(1).get("item_index").asInt()).isEqualTo(2);
    assertThat(errors.get(1).get("code").asText()).isEqualTo("SEMANTIC_VIOLATION");
    assertThat(collector.drainItems()).containsExactly(good1, good2);
  }

  @Test
  void batchWithoutAValidItem_is400_withTheReceipt_andQueuesNothing() {
    ObjectNode bad = Batches.node(new IngestItem.FrameEventItem(fx.event(fx.traceId()).build()));
    ((ObjectNode) bad.get("data")).put("frame_index", -1);
    ObjectNode unknownType = WireJson.object().put("item_type", "video");
    unknownType.set("data", bad.get("data").deepCopy());

    Call.Response r = ingest().body(Batches.body(List.of(bad, unknownType))).send();

    assertThat(r.status()).isEqualTo(400);
    JsonNode body = r.json();
    assertThat(body.get("processed_items").asInt()).isZero();
    assertThat(body.get("failed_items").asInt()).isEqualTo(2);
    assertThat(body.get("errors").get(0).get("field").asText()).isEqualTo("/data/frame_index");
    assertThat(body.get("errors").get(1).get("item_type").isNull()).isTrue();
    assertRateLimitHeaders(r);
    assertThat(collector.drainQueue()).isEmpty();
  }

  @Test
  void malformedJson_is400_MALFORMED_JSON() {
    assertError(ingest().body(bytes("{\"items\": [")).send(), 400, "MALFORMED_JSON");
    assertError(
        ingest().body(bytes("{\"items\": [], \"items\": []}")).send(), 400, "MALFORMED_JSON");
    assertError(
        ingest().body(bytes("[".repeat(100) + "]".repeat(100))).send(), 400, "MALFORMED_JSON");
    assertError(ingest().body(new byte[0]).send(), 400, "MALFORMED_JSON");
  }

  @Test
  void wrongEnvelope_is400_INVALID_BATCH() {
    assertError(ingest().body(bytes("{\"items\": []}")).send(), 400, "INVALID_BATCH");
    assertError(ingest().body(bytes("{\"items\": [1]}")).send(), 400, "INVALID_BATCH");
    assertError(ingest().body(bytes("{\"things\": []}")).send(), 400, "INVALID_BATCH");
    assertError(ingest().body(bytes("[]")).send(), 400, "INVALID_BATCH");
  }

  @Test
  void schemaVersion_isRequired_andMustBe008() {
    byte[] body = Batches.bodyOf(Batches.frames(fx, 1).get(0));
    assertError(
        ingest().without("X-OVPO-Schema-Version").body(body).send(), 400, "MISSING_SCHEMA_VERSION");
    assertError(
        ingest().header("X-OVPO-Schema-Version", "0.07").body(body).send(),
        400,
        "UNSUPPORTED_SCHEMA_VERSION");
  }

  @Test
  void malformedIdempotencyKey_is400_INVALID_IDEMPOTENCY_KEY() {
    byte[] body = Batches.bodyOf(Batches.frames(fx, 1).get(0));
    assertError(
        ingest().header("Idempotency-Key", "x".repeat(129)).body(body).send(),
        400,
        "INVALID_IDEMPOTENCY_KEY");
    assertError(
        ingest().header("Idempotency-Key", "with space").body(body).send(),
        400,
        "INVALID_IDEMPOTENCY_KEY");
  }

  @Test
  void missingOrUnknownKey_is401_withWwwAuthenticate() {
    byte[] body = Batches.bodyOf(Batches.frames(fx, 1).get(0));
    for (Call call :
        List.of(
            Call.ingest(collector),
            Call.ingest(collector).key(TestCollector.newKey()),
            Call.ingest(collector).header("Authorization", "Basic abc"))) {
      Call.Response r = call.body(body).send();
      assertError(r, 401, "UNAUTHENTICATED");
      assertThat(r.header("WWW-Authenticate")).contains("Bearer realm=\"ovpo\"");
      assertThat(r.longHeader("X-RateLimit-Limit")).isEqualTo(200);
    }
  }

  @Test
  void keyWithoutTraceWrite_is403() {
    String viewer = collector.keyWithRole(key, Role.VIEWER);
    Call.Response r =
        Call.ingest(collector)
            .key(viewer)
            .body(Batches.bodyOf(Batches.frames(fx, 1).get(0)))
            .send();
    assertError(r, 403, "FORBIDDEN");
  }

  @Test
  void otherMethod_is405_withAllow() {
    Call.Response r = Call.ingest(collector).key(key).method("GET").send();
    assertError(r, 405, "METHOD_NOT_ALLOWED");
    assertThat(r.header("Allow")).contains("POST");
  }

  @Test
  void largestBatch_of10000Items_over2MiB_isAccepted_withAndWithoutContentLength() {
    List<IngestItem> items = new ArrayList<>();
    for (int t = 0; t < 10; t++) {
      items.addAll(Batches.frames(fx, 1000));
    }
    byte[] body = Batches.bodyOf(items.toArray(IngestItem[]::new));
    assertThat(body.length).isGreaterThan(2 * 1024 * 1024).isLessThan(5 * 1024 * 1024);

    Call.Response sized = ingest().body(body).send();
    Call.Response chunked = ingest().chunked(body).send();

    assertThat(sized.status()).as(sized.text()).isEqualTo(202);
    assertThat(chunked.status()).as(chunked.text()).isEqualTo(202);
    assertThat(chunked.json().get("processed_items").asInt()).isEqualTo(10_000);
    assertThat(collector.drainItems()).hasSize(20_000);
  }

  @Test
  void bodyOver5MiB_withContentLength_is413() {
    Call.Response r = ingest().body(oversizedJson()).send();
    assertError(r, 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void bodyOver5MiB_chunked_is413() {
    Call.Response r = ingest().chunked(oversizedJson()).send();
    assertError(r, 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void gzipBomb_is413_notAnOutOfMemoryError() {
    byte[] bomb = Batches.gzip(new byte[64 * 1024 * 1024]); // 64 MiB of zeros, ~64 KiB compressed
    assertThat(bomb.length).isLessThan(1024 * 1024);
    Call.Response r = ingest().header("Content-Encoding", "gzip").body(bomb).send();
    assertError(r, 413, "PAYLOAD_TOO_LARGE");
  }

  @Test
  void gzipBody_isDecoded_andAccepted_underBothNames() {
    for (String encoding : List.of("gzip", "x-gzip", "GZIP")) {
      List<IngestItem> items = Batches.frames(fx, 3);
      byte[] body = Batches.gzip(Batches.bodyOf(items.toArray(IngestItem[]::new)));
      Call.Response r = ingest().header("Content-Encoding", encoding).body(body).send();
      assertThat(r.status()).as(encoding + ": " + r.text()).isEqualTo(202);
      assertThat(collector.drainItems()).containsExactlyElementsOf(items);
    }
  }

  @Test
  void corruptGzip_is400_MALFORMED_JSON() {
    byte[] body = Batches.gzip(Batches.bodyOf(Batches.frames(fx, 3).get(0)));
    body[body.length / 2] ^= 0x5A;
    body[body.length - 3] ^= 0x33; // the CRC, so corruption is always detected
    Call.Response r = ingest().header("Content-Encoding", "gzip").body(body).send();
    assertError(r, 400, "MALFORMED_JSON");
    Call.Response notGzip =
        ingest().header("Content-Encoding", "gzip").body(bytes("{\"items\":[]}")).send();
    assertError(notGzip, 400, "MALFORMED_JSON");
  }

  @Test
  void wrongContentTypeOrEncoding_is415() {
    byte[] body = Batches.bodyOf(Batches.frames(fx, 1).get(0));
    assertError(
        ingest().header("Content-Type", "text/plain").body(body).send(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    assertError(
        ingest().header("Content-Type", "application/json; charset=iso-8859-1").body(body).send(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    assertError(ingest().without("Content-Type").body(body).send(), 415, "UNSUPPORTED_MEDIA_TYPE");
    assertError(
        ingest().header("Content-Encoding", "br").body(body).send(), 415, "UNSUPPORTED_MEDIA_TYPE");
  }

  @Test
  void headerNamesAndMediaType_areCaseInsensitive() {
    List<IngestItem> items = Batches.frames(fx, 2);
    Call.Response r =
        Call.ingest(collector)
            .without("Content-Type")
            .without("X-OVPO-Schema-Version")
            .header("content-type", "Application/JSON; Charset=UTF-8")
            .header("x-ovpo-schema-version", "0.08")
            .header("AUTHORIZATION", "bearer " + key)
            .header("idempotency-key", "lower-case-" + fx.uuid())
            .body(Batches.bodyOf(items.toArray(IngestItem[]::new)))
            .send();
    assertThat(r.status()).as(r.text()).isEqualTo(202);
    assertThat(collector.drainItems()).containsExactlyElementsOf(items);
  }

  @Test
  void checksRunInSpecOrder_authBeforeMediaTypeBeforeSchemaVersion() {
    Call.Response unauthenticated =
        Call.ingest(collector).header("Content-Type", "text/plain").body(bytes("x")).send();
    assertThat(unauthenticated.errorCode()).isEqualTo("UNAUTHENTICATED");
    Call.Response mediaType =
        ingest()
            .header("Content-Type", "text/plain")
            .without("X-OVPO-Schema-Version")
            .body(bytes("x"))
            .send();
    assertThat(mediaType.errorCode()).isEqualTo("UNSUPPORTED_MEDIA_TYPE");
    Call.Response version =
        ingest()
            .without("X-OVPO-Schema-Version")
            .header("Idempotency-Key", "")
            .body(bytes("x"))
            .send();
    assertThat(version.errorCode()).isEqualTo("MISSING_SCHEMA_VERSION");
    Call.Response idempotencyKey =
        ingest().header("Idempotency-Key", "a b").body(oversizedJson()).send();
    assertThat(idempotencyKey.errorCode()).isEqualTo("INVALID_IDEMPOTENCY_KEY");
  }

  @Test
  void sameIdempotencyKeyAndBody_replaysTheReceipt_byteForByte_andPublishesNothing() {
    byte[] body = Batches.bodyOf(Batches.oneOfEach(fx).toArray(IngestItem[]::new));
    String idem = "batch-" + fx.uuid();
    Call.Response first = ingest().header("Idempotency-Key", idem).body(body).send();
    assertThat(collector.drainItems()).hasSize(4);

    Call.Response again = ingest().header("Idempotency-Key", idem).body(body).send();

    assertThat(again.status()).isEqualTo(first.status());
    assertThat(again.text())
        .isEqualTo(first.text().replace("\"duplicate\":false", "\"duplicate\":true"));
    assertThat(again.header("X-Request-Id")).isNotEqualTo(first.header("X-Request-Id"));
    assertRateLimitHeaders(again);
    assertThat(collector.drainQueue()).isEmpty();
  }

  @Test
  void sameIdempotencyKeyWithAnotherBody_is422_andPublishesNothing() {
    String idem = "batch-" + fx.uuid();
    ingest()
        .header("Idempotency-Key", idem)
        .body(Batches.bodyOf(Batches.frames(fx, 1).get(0)))
        .send();
    collector.drainQueue();

    Call.Response r =
        ingest()
            .header("Idempotency-Key", idem)
            .body(Batches.bodyOf(Batches.frames(fx, 1).get(0)))
            .send();

    assertError(r, 422, "IDEMPOTENCY_KEY_REUSED");
    assertThat(collector.drainQueue()).isEmpty();
  }

  @Test
  void idempotencyKeys_areScopedToTheTenant() {
    byte[] body = Batches.bodyOf(Batches.frames(fx, 1).get(0));
    String idem = "shared-" + fx.uuid();
    Call.Response mine = ingest().header("Idempotency-Key", idem).body(body).send();
    Call.Response theirs =
        Call.ingest(collector)
            .key(collector.tenantKey("unlimited"))
            .header("Idempotency-Key", idem)
            .body(body)
            .send();
    assertThat(mine.json().get("duplicate").asBoolean()).isFalse();
    assertThat(theirs.json().get("duplicate").asBoolean()).isFalse();
    assertThat(collector.drainItems()).hasSize(2);
  }

  @Test
  void concurrentIdenticalRequests_publishOnce_andAllGetTheSameReceipt() {
    List<IngestItem> items = Batches.frames(fx, 20);
    byte[] body = Batches.bodyOf(items.toArray(IngestItem[]::new));
    String idem = "concurrent-" + fx.uuid();
    int n = 8;
    List<Call.Response> responses =
        Concurrently.run(n, i -> ingest().header("Idempotency-Key", idem).body(body).send());

    assertThat(responses).allSatisfy(r -> assertThat(r.status()).as(r.text()).isEqualTo(202));
    assertThat(responses.stream().map(r -> r.json().get("request_id").asText()).distinct())
        .hasSize(1);
    assertThat(responses.stream().filter(r -> !r.json().get("duplicate").asBoolean())).hasSize(1);
    assertThat(collector.drainItems()).containsExactlyElementsOf(items);
  }

  @Test
  void emptyBucket_is429_withRetryAfter_andHeaders() {
    String tiny = collector.tenantKey(TestCollector.TINY_TIER);
    byte[] body = Batches.bodyOf(Batches.frames(fx, 1).get(0));
    for (int i = 0; i < 3; i++) {
      Call.Response ok = Call.ingest(collector).key(tiny).body(body).send();
      assertThat(ok.status()).isEqualTo(202);
      assertThat(ok.longHeader("X-RateLimit-Limit")).isEqualTo(3);
      assertThat(ok.longHeader("X-RateLimit-Remaining")).isEqualTo(2 - i);
    }

    Call.Response limited = Call.ingest(collector).key(tiny).body(body).send();

    assertError(limited, 429, "RATE_LIMITED");
    long retryAfter = limited.longHeader("Retry-After");
    assertThat(retryAfter).isGreaterThanOrEqualTo(1);
    assertThat(limited.json().path("error").path("retry_after").asLong()).isEqualTo(retryAfter);
    assertThat(limited.longHeader("X-RateLimit-Remaining")).isZero();
    assertThat(limited.longHeader("X-RateLimit-Reset"))
        .isGreaterThan(System.currentTimeMillis() / 1000);
  }

  @Test
  void unlimitedTier_reportsMaxLongHeaders() {
    Call.Response r = ingest().body(Batches.bodyOf(Batches.frames(fx, 1).get(0))).send();
    assertThat(r.longHeader("X-RateLimit-Limit")).isEqualTo(Long.MAX_VALUE);
    assertThat(r.longHeader("X-RateLimit-Remaining")).isEqualTo(Long.MAX_VALUE);
  }

  @Test
  void healthReadyAndMetrics_answer() {
    ingest().body(Batches.bodyOf(Batches.frames(fx, 2).toArray(IngestItem[]::new))).send();
    assertThat(Call.get(collector, "/health").send().status()).isEqualTo(200);
    Call.Response ready = Call.get(collector, "/ready").send();
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("status").asText()).isEqualTo("UP");
    Call.Response metrics = Call.get(collector, "/metrics").send();
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type").orElseThrow())
        .startsWith("text/plain; version=0.0.4");
    assertThat(metrics.text())
        .contains("ovpo_http_requests_total")
        .contains("ovpo_items_accepted_total{item_type=\"frame_event\"}")
        .contains("ovpo_http_request_duration_seconds_bucket")
        .contains("ovpo_ingest_items_total");
    assertThat(metrics.text()).doesNotContain(key);
  }

  @Test
  void unknownRoute_is404_jsonError() {
    Call.Response r = Call.get(collector, "/v1/nothing-here").send();
    assertThat(r.status()).isEqualTo(404);
    assertThat(r.errorCode()).isEqualTo("NOT_FOUND");
  }

  @Test
  void processedItems_equalsWhatWasQueued_acrossManyTraces() {
    List<ObjectNode> nodes = new ArrayList<>();
    int expected = 0;
    for (int t = 0; t < 25; t++) {
      for (IngestItem item : Batches.frames(fx, 40)) {
        nodes.add(Batches.node(item));
        expected++;
      }
    }
    Call.Response r = ingest().body(Batches.body(nodes)).send();
    assertThat(r.json().get("processed_items").asInt()).isEqualTo(expected);
    assertThat(collector.drainQueue())
        .hasSize(25)
        .allSatisfy(e -> assertThat(e.partitionKey()).contains(":"));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Syntactically fine JSON over 5 MiB: a batch with one huge string. */
  private static byte[] oversizedJson() {
    return bytes(
        "{\"items\":[{\"item_type\":\"span\",\"data\":\"" + "a".repeat(5_300_000) + "\"}]}");
  }
}
