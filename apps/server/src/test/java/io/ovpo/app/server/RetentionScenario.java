package io.ovpo.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.common.config.OvpoConfig;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Chapter 08 through the public API of the all-in-one server (wired by {@link ServerComponent} as
 * in production): a user's traces are deleted from every store, held ones stay, the deletion is
 * followed to COMPLETED, a late redelivery does not bring the traces back, and an on-demand
 * retention run answers its report. Subclasses pick the stores.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RetentionScenario {
  static final String KEY = "ovpo_retention01_RetentionRetentionRetentionRetent01";
  static final String TENANT = "retention";
  private static final long WAIT_MS = 30_000;

  private OvpoServer server;
  private Http http;

  /** Settings of the stores under test (added to the common ones). */
  abstract Map<String, String> storeSettings() throws Exception;

  /** Releases what {@link #storeSettings} set up. */
  void releaseStores() throws Exception {}

  @BeforeAll
  void startServer() throws Exception {
    Map<String, String> env = new HashMap<>(storeSettings());
    env.put("OVPO_PORT", "0");
    env.put("OVPO_BIND_HOST", "127.0.0.1");
    env.put("OVPO_BOOTSTRAP_API_KEY", KEY);
    env.put("OVPO_BOOTSTRAP_TENANT", TENANT);
    env.put("OVPO_QUERY_RATE", "100000/60s");
    env.put("OVPO_RETENTION_DELETION_POLL_SECONDS", "1");
    server = ServerComponent.create(OvpoConfig.load(env)).server();
    server.bootstrap();
    server.start();
    http = new Http(server.localUrl());
  }

  @AfterAll
  void stop() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      releaseStores();
    }
  }

  @Test
  void userDeletion_erasesTheUsersTraces_andALateRedeliveryDoesNotBringThemBack() {
    String user = hex64();
    List<String> mine = List.of(uuid(), uuid());
    String held = uuid();
    String someoneElse = uuid();
    List<String> batches = new ArrayList<>();
    for (String t : mine) {
      batches.add(batch(t, user, false));
    }
    batches.add(batch(held, user, true));
    batches.add(batch(someoneElse, hex64(), false));
    for (String b : batches) {
      assertThat(http.ingest(KEY, b).status()).isEqualTo(202);
    }
    for (String t : List.of(mine.get(0), mine.get(1), held, someoneElse)) {
      await(() -> spanCount(t) == 1, "trace " + t + " stored");
    }

    Http.Reply accepted =
        http.send(
            "DELETE",
            "/v1/admin/tenants/" + TENANT + "/users/" + user + "?reason=ticket-42",
            KEY,
            null,
            Map.of());
    assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
    assertThat(accepted.json().path("trace_count").asInt()).isEqualTo(2);
    String deletionId = accepted.json().path("deletion_id").asText();
    await(
        () -> deletion(deletionId).path("state").asText().equals("COMPLETED"),
        "deletion completed");
    JsonNode tombstone = deletion(deletionId);
    assertThat(tombstone.path("held_count").asInt()).isEqualTo(1);
    assertThat(tombstone.path("reason").asText()).isEqualTo("ticket-42");
    assertThat(tombstone.path("user_id_hash").asText()).isEqualTo(user);

    for (String t : mine) {
      assertThat(http.get("/v1/traces/" + t, KEY).status()).isEqualTo(404);
    }
    assertThat(http.get("/v1/traces/" + held, KEY).status()).isEqualTo(200);
    assertThat(http.get("/v1/traces/" + someoneElse, KEY).status()).isEqualTo(200);
    JsonNode audit = http.get("/v1/audit?action=TRACE_DELETE", KEY).json();
    assertThat(audit.path("data").path(0).path("resource").asText())
        .isEqualTo("deletion:" + deletionId);

    // A late redelivery of the deleted traces' items, and a new span of one of them.
    double ignoredBefore = ignoredItems();
    for (int i = 0; i < mine.size(); i++) {
      assertThat(http.ingest(KEY, batches.get(i)).status()).isEqualTo(202);
    }
    assertThat(http.ingest(KEY, spanOnly(mine.get(0))).status()).isEqualTo(202);
    await(() -> ignoredItems() >= ignoredBefore + 2 * 3 + 1, "late items ignored");
    for (String t : mine) {
      assertThat(http.get("/v1/traces/" + t, KEY).status()).isEqualTo(404);
    }
  }

  @Test
  void retentionRun_answersTheReport() {
    Http.Reply r = http.post("/v1/admin/retention/run", KEY, "{}");
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode report = r.json();
    assertThat(report.path("tenant_id").asText()).isEqualTo(TENANT);
    assertThat(report.path("deleted").path("traces").asLong()).isZero();
    assertThat(report.path("deletion_id").isNull()).isTrue();
    assertThat(http.post("/v1/admin/retention/run", KEY, "{\"dry_run\":true}").status())
        .isEqualTo(400);
  }

  private JsonNode deletion(String id) {
    Http.Reply r = http.get("/v1/admin/deletions/" + id, KEY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private int spanCount(String traceId) {
    Http.Reply r = http.get("/v1/traces/" + traceId, KEY);
    return r.status() == 200 ? r.json().path("spans").size() : -1;
  }

  /** {@code ovpo_deleted_trace_items_total}, summed over its series. */
  private double ignoredItems() {
    double sum = 0;
    for (String line : http.get("/metrics", null).text().split("\n")) {
      if (line.startsWith("ovpo_deleted_trace_items_total")) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.currentTimeMillis() + WAIT_MS;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for: " + what);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** A trace of {@code user} with one span and one frame event (three items). */
  private static String batch(String traceId, String user, boolean held) {
    String now = now();
    return "{\"items\":["
        + "{\"item_type\":\"trace\",\"data\":{\"trace_id\":\""
        + traceId
        + "\",\"status\":\"RUNNING\",\"created_at\":\""
        + now
        + "\",\"pipeline_config_ref\":\"cfg-1\",\"user_id_hash\":\""
        + user
        + "\",\"legal_hold\":"
        + held
        + "}},"
        + span(traceId, now)
        + ",{\"item_type\":\"frame_event\",\"data\":{\"event_id\":\""
        + uuid()
        + "\",\"trace_id\":\""
        + traceId
        + "\",\"event_type\":\"FRAME_GENERATED\",\"frame_index\":0,\"media_time_ms\":0,"
        + "\"observed_at\":\""
        + now
        + "\"}}]}";
  }

  private static String spanOnly(String traceId) {
    return "{\"items\":[" + span(traceId, now()) + "]}";
  }

  private static String span(String traceId, String at) {
    return "{\"item_type\":\"span\",\"data\":{\"span_id\":\""
        + uuid()
        + "\",\"trace_id\":\""
        + traceId
        + "\",\"span_kind\":\"SAMPLING\",\"name\":\"denoise\",\"start_time\":\""
        + at
        + "\",\"status\":\"OK\"}}";
  }

  private static String now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS).toString();
  }

  private static String uuid() {
    return UUID.randomUUID().toString();
  }

  private static String hex64() {
    return (uuid() + uuid()).replace("-", "").substring(0, 64);
  }
}
