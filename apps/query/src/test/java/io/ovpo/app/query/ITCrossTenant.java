package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.SeededTrace;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.SpanKind;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Another tenant's key on every endpoint: the answer is a 404 (or a 403 where the target tenant is
 * named), an empty result, or the caller's own data; never the owner's data (spec 06 §5).
 */
class ITCrossTenant {
  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITCrossTenant");
    http = server.http();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void anotherTenantsKey_neverReachesTheOwnersData() {
    TenantKeys owner = server.newTenant();
    TenantKeys intruder = server.newTenant();
    SeededTrace s = server.storeTraceWithArtifact(owner.id());
    Instant start = Instant.now().minus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.MILLIS);
    server.store(
        owner.id(),
        new IngestItem.SpanItem(
            server
                .fixtures()
                .span(s.traceId())
                .kind(SpanKind.SAMPLING)
                .start(start)
                .durationMs(900)
                .build()));
    String ownerKeyId = server.keyIdOf(owner.viewer(), owner.id());
    String ownerCursor = ownerListCursor(owner);
    String id = s.traceId().value();
    String o = owner.tenant();
    String k = intruder.admin();

    Map<String, Reply> refused = new LinkedHashMap<>();
    refused.put("detail", http.get("/v1/traces/" + id, k));
    refused.put("signed url", http.post("/v1/artifacts/signed-url", k, s.signedUrlBody()));
    refused.put(
        "legal hold",
        http.put("/v1/admin/traces/" + id + "/legal-hold", k, "{\"legal_hold\":false}"));
    refused.put("revoke owner's key", http.delete("/v1/admin/api-keys/" + ownerKeyId, k));
    refused.put("get tenant", http.get("/v1/admin/tenants/" + o, k));
    refused.put(
        "put config",
        http.put(
            "/v1/admin/tenants/" + o + "/config",
            k,
            String.format(ITAuthAndRbac.CONFIG, "default")));
    refused.put("keys of tenant", http.get("/v1/admin/tenants/" + o + "/api-keys", k));
    refused.put("keys by parameter", http.get("/v1/admin/api-keys?tenant_id=" + o, k));
    refused.put(
        "create key there",
        http.post(
            "/v1/admin/api-keys",
            k,
            "{\"tenant_id\":\"" + o + "\",\"role\":\"viewer\",\"name\":\"x\"}"));
    refused.put("list with tenant_id", http.get("/v1/traces?tenant_id=" + o, k));
    for (Map.Entry<String, Reply> e : refused.entrySet()) {
      Reply r = e.getValue();
      assertThat(r.status()).as(e.getKey() + ": " + r).isIn(400, 403, 404);
      assertThat(r.body()).as(e.getKey()).doesNotContain(id, s.artifactId().value(), ownerKeyId);
    }
    assertThat(refused.get("detail").status()).isEqualTo(404);
    assertThat(refused.get("signed url").status()).isEqualTo(404);
    assertThat(refused.get("legal hold").status()).isEqualTo(404);
    assertThat(refused.get("revoke owner's key").status()).isEqualTo(404);

    // Lists and aggregates answer with the intruder's (empty) data.
    assertThat(http.get("/v1/traces", k).json().get("data")).isEmpty();
    assertThat(http.get("/v1/analytics/bottlenecks", k).json().get("data")).isEmpty();
    assertThat(http.get("/v1/analytics/timeseries?metric=throughput", k).json().get("data"))
        .isEmpty();
    JsonNode costs = http.get("/v1/analytics/costs/calculate?trace_ids=" + id, k).json();
    assertThat(costs.get("data")).isEmpty();
    assertThat(costs.at("/not_found/0").asText()).isEqualTo(id);
    Reply withOwnersCursor = http.get("/v1/traces?cursor=" + ownerCursor, k);
    assertThat(withOwnersCursor.status()).isIn(200, 400);
    assertThat(withOwnersCursor.body()).doesNotContain(id);
    JsonNode audit = http.get("/v1/audit?limit=200", k).json().get("data");
    for (JsonNode record : audit) {
      assertThat(record.get("tenant_id").asText()).isEqualTo(intruder.tenant());
    }
    assertThat(audit.toString()).doesNotContain(id);

    // The owner's data is untouched and still there for the owner.
    Reply own = http.get("/v1/traces/" + id, owner.viewer());
    assertThat(own.status()).isEqualTo(200);
    assertThat(own.json().at("/trace/legal_hold").asBoolean()).isFalse();
    assertThat(http.get("/v1/traces", owner.viewer()).status()).isEqualTo(200);
  }

  /** A list cursor of the owner (two traces, pages of one). */
  private static String ownerListCursor(TenantKeys owner) {
    server.storeTraceWithArtifact(owner.id());
    return http.get("/v1/traces?limit=1", owner.viewer()).json().get("next_cursor").asText();
  }
}
