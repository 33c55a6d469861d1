package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.TenantFixture;
import io.ovpo.compliance.http.Call;
import io.ovpo.compliance.http.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Pattern;

/** Idempotency-Key handling (spec 02 §4): replays, reuse, concurrency, scope. */
public final class IdempotencyChecks {
  private static final Pattern DUPLICATE_FALSE = Pattern.compile("\"duplicate\"(\\s*):(\\s*)false");

  private IdempotencyChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "idempotency.replay",
            "02 §4 rule 4",
            "The same key and body again is answered with the stored status and receipt, byte for"
                + " byte, with duplicate true and the new request's X-Request-Id",
            IdempotencyChecks::replay),
        check(
            "idempotency.replay-of-400-receipt",
            "02 §4 rules 3-4",
            "A key whose first answer was a 400 receipt replays that 400 receipt",
            IdempotencyChecks::replayOf400),
        check(
            "idempotency.reuse-with-other-body",
            "02 §4 rule 5",
            "The same key with a different body is 422 IDEMPOTENCY_KEY_REUSED",
            IdempotencyChecks::reuse),
        check(
            "idempotency.hash-of-decoded-body",
            "02 §4 rule 2",
            "The request hash is taken after gzip decoding: the same body gzipped is a replay",
            IdempotencyChecks::decodedBody),
        check(
            "idempotency.concurrent-duplicates",
            "02 §4 rule 7",
            "Of concurrent identical requests exactly one is processed; the others replay it (or"
                + " answer 409 CONFLICT with Retry-After: 1)",
            IdempotencyChecks::concurrentDuplicates),
        check(
            "idempotency.concurrent-other-body",
            "02 §4 rule 7",
            "Two concurrent requests with one key and different bodies: one is processed, the"
                + " other is 422",
            IdempotencyChecks::concurrentOtherBody),
        check(
            "idempotency.refused-request-keeps-key-free",
            "02 §4 rule 6",
            "A request refused before the idempotency check stores nothing: the key stays free",
            IdempotencyChecks::refusedKeepsKeyFree),
        check(
            "idempotency.scoped-to-tenant",
            "02 §4 rule 1",
            "The same key in two tenants names two unrelated requests",
            IdempotencyChecks::tenantScoped));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "idempotency", spec, title, body);
  }

  private static Reply send(Session s, String apiKey, String key, byte[] body) {
    return s.http()
        .call("POST", "/v1/ingest/batch")
        .key(apiKey)
        .ingestHeaders()
        .header("Idempotency-Key", key)
        .body(body)
        .send();
  }

  private static String newKey() {
    return "cmp-idem-" + Items.id();
  }

  /** Fails unless {@code replay} is {@code first} with duplicate true, byte for byte. */
  private static void expectReplay(Reply first, Reply replay) {
    status(replay, first.status());
    String original = first.text();
    that(
        DUPLICATE_FALSE.matcher(original).find(),
        "first receipt has no \"duplicate\":false: %s",
        original);
    String expected = DUPLICATE_FALSE.matcher(original).replaceFirst("\"duplicate\"$1:$2true");
    if (!expected.equals(replay.text())) {
      throw new CheckFailure(
          "the replay must be the stored receipt byte for byte except duplicate:true;\n first:  "
              + original
              + "\n replay: "
              + replay.text());
    }
    String newId = io.ovpo.compliance.Expect.header(replay, "X-Request-Id");
    that(
        !newId.equals(first.header("X-Request-Id").orElse("")),
        "the replay's X-Request-Id must be the new request's id, got the original %s",
        newId);
  }

  static void replay(Session s) {
    String key = newKey();
    byte[] body = IngestChecks.oneTrace(s).bytes();
    Reply first = status(send(s, s.apiKey(), key, body), 202);
    equal(first.json().path("duplicate").asBoolean(true), false, "first answer's duplicate");
    expectReplay(first, send(s, s.apiKey(), key, body));
    expectReplay(first, send(s, s.apiKey(), key, body));
  }

  static void replayOf400(Session s) {
    String key = newKey();
    com.fasterxml.jackson.databind.node.ObjectNode bad =
        s.items().trace(Items.id(), "RUNNING", Items.past());
    bad.put("status", "DONE");
    byte[] body = Batch.of().trace(bad).bytes();
    Reply first = status(send(s, s.apiKey(), key, body), 400);
    equal(first.json().path("processed_items").asInt(-1), 0, "processed_items of the 400 receipt");
    expectReplay(first, send(s, s.apiKey(), key, body));
  }

  static void reuse(Session s) {
    String key = newKey();
    status(send(s, s.apiKey(), key, IngestChecks.oneTrace(s).bytes()), 202);
    error(
        send(s, s.apiKey(), key, IngestChecks.oneTrace(s).bytes()), 422, "IDEMPOTENCY_KEY_REUSED");
  }

  static void decodedBody(Session s) {
    String key = newKey();
    byte[] body = IngestChecks.oneTrace(s).bytes();
    Reply first = status(send(s, s.apiKey(), key, body), 202);
    Reply gzipped =
        s.http()
            .call("POST", "/v1/ingest/batch")
            .key(s.apiKey())
            .ingestHeaders()
            .header("Idempotency-Key", key)
            .gzipBody(body)
            .send();
    expectReplay(first, gzipped);
  }

  static void concurrentDuplicates(Session s) throws Exception {
    String key = newKey();
    Batch batch = IngestChecks.oneTrace(s);
    for (int i = 0; i < 200; i++) {
      batch.frame(
          Items.generated(
              batch.json().path("items").get(0).path("data").path("trace_id").asText(),
              i,
              Items.past().plusSeconds(2)));
    }
    byte[] body = batch.bytes();
    List<Reply> replies = concurrently(8, () -> send(s, s.apiKey(), key, body));
    int originals = 0;
    String requestId = null;
    for (Reply r : replies) {
      if (r.status() == 409) {
        error(r, 409, "CONFLICT");
        equal(r.header("Retry-After").orElse(null), "1", r.describe() + " Retry-After");
        continue;
      }
      status(r, 202);
      JsonNode receipt = r.json();
      if (!receipt.path("duplicate").asBoolean()) {
        originals++;
      }
      String id = receipt.path("request_id").asText();
      that(
          requestId == null || requestId.equals(id),
          "every replay carries the original receipt's request_id: %s vs %s",
          requestId,
          id);
      requestId = id;
      equal(receipt.path("processed_items").asInt(), batch.size(), "processed_items");
    }
    that(
        originals == 1,
        "exactly one of 8 concurrent duplicates may be processed, %d were",
        originals);
  }

  static void concurrentOtherBody(Session s) throws Exception {
    String key = newKey();
    byte[] a = IngestChecks.oneTrace(s).bytes();
    byte[] b = IngestChecks.oneTrace(s).bytes();
    List<byte[]> bodies = List.of(a, b);
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    List<Reply> replies =
        concurrently(2, () -> send(s, s.apiKey(), key, bodies.get(next.getAndIncrement())));
    Map<Integer, Integer> statuses = new TreeMap<>();
    replies.forEach(r -> statuses.merge(r.status(), 1, Integer::sum));
    equal(statuses, Map.of(202, 1, 422, 1), "statuses of two concurrent bodies under one key");
    for (Reply r : replies) {
      if (r.status() == 422) {
        error(r, 422, "IDEMPOTENCY_KEY_REUSED");
      }
    }
  }

  static void refusedKeepsKeyFree(Session s) {
    String key = newKey();
    byte[] body = IngestChecks.oneTrace(s).bytes();
    error(
        s.http()
            .call("POST", "/v1/ingest/batch")
            .key(s.apiKey())
            .header("X-OVPO-Schema-Version", Call.SCHEMA_VERSION)
            .header("Content-Type", "text/plain")
            .header("Idempotency-Key", key)
            .body(body)
            .send(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    error(
        send(s, s.apiKey(), key, "{oops".getBytes(StandardCharsets.UTF_8)), 400, "MALFORMED_JSON");
    error(
        send(s, s.apiKey(), key, "{\"items\":[]}".getBytes(StandardCharsets.UTF_8)),
        400,
        "INVALID_BATCH");
    Reply r = status(send(s, s.apiKey(), key, body), 202);
    equal(
        r.json().path("duplicate").asBoolean(true),
        false,
        "after refusals the key is free: duplicate");
  }

  static void tenantScoped(Session s) {
    TenantFixture other = s.tenant("primary");
    String key = newKey();
    Reply mine = status(send(s, s.apiKey(), key, IngestChecks.oneTrace(s).bytes()), 202);
    Reply theirs = status(send(s, other.developer(), key, IngestChecks.oneTrace(s).bytes()), 202);
    equal(mine.json().path("duplicate").asBoolean(true), false, "first tenant's duplicate");
    equal(theirs.json().path("duplicate").asBoolean(true), false, "second tenant's duplicate");
  }

  /** Runs {@code n} copies of {@code call} released at the same moment. */
  static List<Reply> concurrently(int n, Callable<Reply> call) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Reply>> futures = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return call.call();
                }));
      }
      ready.await();
      go.countDown();
      List<Reply> out = new ArrayList<>();
      for (Future<Reply> f : futures) {
        try {
          out.add(f.get());
        } catch (ExecutionException e) {
          throw e.getCause() instanceof Exception ex ? ex : e;
        }
      }
      return out;
    } finally {
      pool.shutdownNow();
    }
  }
}
