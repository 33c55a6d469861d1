package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.SeededTrace;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.TraceId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The audit trail over HTTP: what is recorded, reading it page by page, verifying its chain. */
class ITAudit {
  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITAudit");
    http = server.http();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static List<JsonNode> trail(TenantKeys t) {
    List<JsonNode> out = new ArrayList<>();
    http.get("/v1/audit?limit=200", t.admin()).json().get("data").forEach(out::add);
    return out;
  }

  static List<JsonNode> withAction(List<JsonNode> records, String action) {
    return records.stream().filter(r -> r.get("action").asText().equals(action)).toList();
  }

  @Test
  void everyAccessAndChange_isRecordedWithWhoWhenAndFromWhere() {
    TenantKeys t = server.newTenant();
    SeededTrace s = server.storeTraceWithArtifact(t.id());
    String id = s.traceId().value();
    String viewer = t.viewer();
    assertThat(http.get("/v1/traces", viewer).status()).isEqualTo(200);
    Reply detail = http.get("/v1/traces/" + id, viewer);
    Reply notModified =
        http.send(
            http.request("/v1/traces/" + id)
                .header("Authorization", "Bearer " + viewer)
                .header("If-None-Match", detail.header("ETag").orElseThrow()));
    assertThat(notModified.status()).isEqualTo(304);
    assertThat(http.get("/v1/analytics/bottlenecks", viewer).status()).isEqualTo(200);
    assertThat(http.get("/v1/analytics/costs/calculate?trace_ids=" + id, viewer).status())
        .isEqualTo(200);
    assertThat(http.get("/v1/analytics/timeseries?metric=throughput", viewer).status())
        .isEqualTo(200);
    assertThat(http.post("/v1/artifacts/signed-url", viewer, s.signedUrlBody()).status())
        .isEqualTo(200);
    assertThat(
            http.put("/v1/admin/traces/" + id + "/legal-hold", t.admin(), "{\"legal_hold\":true}")
                .status())
        .isEqualTo(200);
    String config =
        String.format(ITAuthAndRbac.CONFIG, "default")
            .replace("\"traces_days\":90", "\"traces_days\":91");
    assertThat(http.put("/v1/admin/tenants/" + t.tenant() + "/config", t.admin(), config).status())
        .isEqualTo(200);
    String key = server.newKey(t.id(), "viewer");
    String keyId = server.keyIdOf(key, t.id());
    assertThat(http.delete("/v1/admin/api-keys/" + keyId, t.admin()).status()).isEqualTo(204);
    assertThat(http.delete("/v1/admin/api-keys/" + keyId, t.admin()).status()).isEqualTo(204);

    List<JsonNode> records = trail(t);
    assertThat(withAction(records, "TRACE_ACCESS")).hasSize(2);
    assertThat(withAction(records, "TRACE_QUERY")).hasSize(4);
    assertThat(withAction(records, "TRACE_QUERY").stream().map(r -> r.get("resource").asText()))
        .contains("analytics:bottlenecks", "analytics:costs", "analytics:timeseries");
    assertThat(withAction(records, "ARTIFACT_DOWNLOAD")).hasSize(1);
    // Tenant created, legal hold set, configuration changed.
    assertThat(withAction(records, "CONFIG_CHANGE")).hasSize(3);
    // The tenant's three keys, and the one made for the revocation.
    assertThat(withAction(records, "API_KEY_CREATED")).hasSize(4);
    assertThat(withAction(records, "API_KEY_REVOKED")).hasSize(1);

    long expected = records.get(0).get("sequence").asLong();
    for (JsonNode r : records) {
      assertThat(r.get("sequence").asLong()).isEqualTo(expected--);
      assertThat(r.get("tenant_id").asText()).isEqualTo(t.tenant());
      assertThat(r.get("actor_id").asText()).startsWith("key:");
      assertThat(r.get("actor_ip").asText()).isEqualTo("127.0.0.1");
      assertThat(r.get("user_agent").asText()).isEqualTo(Http.USER_AGENT);
      assertThat(r.get("timestamp").asText())
          .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
      assertThat(r.get("record_hash").asText()).matches("[0-9a-f]{64}");
      assertThat(r.get("previous_hash").asText()).matches("[0-9a-f]{64}");
    }
    assertThat(expected).isZero();
    assertThat(records.toString()).doesNotContain(key);
  }

  @Test
  void refusedRequests_areNotAudited() {
    TenantKeys t = server.newTenant();
    int before = trail(t).size();
    assertThat(http.get("/v1/audit", t.viewer()).status()).isEqualTo(403);
    assertThat(http.get("/v1/traces/" + TraceId.random(), t.viewer()).status()).isEqualTo(404);
    assertThat(http.get("/v1/traces?limit=0", t.viewer()).status()).isEqualTo(400);
    assertThat(trail(t)).hasSize(before);
  }

  @Test
  void pagesOfTheTrail_walkEveryRecordOnce_andTheCursorIsChecked() {
    TenantKeys t = server.newTenant();
    for (int i = 0; i < 5; i++) {
      http.get("/v1/traces", t.viewer());
    }
    int total = trail(t).size();
    Set<Long> seen = new HashSet<>();
    String cursor = null;
    int pages = 0;
    do {
      JsonNode page =
          http.get("/v1/audit?limit=3" + (cursor == null ? "" : "&cursor=" + cursor), t.admin())
              .json();
      page.get("data").forEach(r -> assertThat(seen.add(r.get("sequence").asLong())).isTrue());
      cursor = page.get("has_more").asBoolean() ? page.get("next_cursor").asText() : null;
      pages++;
    } while (cursor != null && pages < 50);
    assertThat(seen).hasSize(total);

    String real = http.get("/v1/audit?limit=1", t.admin()).json().get("next_cursor").asText();
    assertThat(http.get("/v1/audit?cursor=" + ITTraceList.flip(real, 4), t.admin()).errorCode())
        .isEqualTo("INVALID_CURSOR");
    server.storeTraceWithArtifact(t.id());
    server.storeTraceWithArtifact(t.id());
    String traces = http.get("/v1/traces?limit=1", t.viewer()).json().get("next_cursor").asText();
    assertThat(http.get("/v1/audit?cursor=" + traces, t.admin()).errorCode())
        .isEqualTo("INVALID_CURSOR");
  }

  @Test
  void actionFilter_selectsOneAction() {
    TenantKeys t = server.newTenant();
    http.get("/v1/traces", t.viewer());
    List<JsonNode> created = new ArrayList<>();
    http.get("/v1/audit?action=API_KEY_CREATED", t.admin())
        .json()
        .get("data")
        .forEach(created::add);
    assertThat(created)
        .hasSize(3)
        .allMatch(r -> r.get("action").asText().equals("API_KEY_CREATED"));
    assertThat(http.get("/v1/audit?action=READ", t.admin()).errorCode())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(http.get("/v1/audit?limit=201", t.admin()).errorCode())
        .isEqualTo("INVALID_PARAMETER");
  }

  @Test
  void verify_findsTheChainIntact_andNamesTheFirstAlteredRecord() {
    TenantKeys t = server.newTenant();
    for (int i = 0; i < 4; i++) {
      http.get("/v1/traces", t.viewer());
    }
    int total = trail(t).size();
    JsonNode ok = http.get("/v1/audit/verify", t.admin()).json();
    assertThat(ok.get("intact").asBoolean()).isTrue();
    assertThat(ok.get("records_checked").asLong()).isEqualTo(total);
    assertThat(ok.get("first_broken_sequence").isNull()).isTrue();

    // Someone with database access rewrites where record 5 came from.
    server.auditLog().alter(t.id(), 5, ITAudit::fromAnotherAddress);
    JsonNode broken = http.get("/v1/audit/verify", t.admin()).json();
    assertThat(broken.get("intact").asBoolean()).isFalse();
    assertThat(broken.get("first_broken_sequence").asLong()).isEqualTo(5);
    assertThat(broken.get("detail").asText()).isNotBlank().isNotEqualTo("ok");

    // Another tenant's chain is unaffected.
    TenantKeys other = server.newTenant();
    assertThat(http.get("/v1/audit/verify", other.admin()).json().get("intact").asBoolean())
        .isTrue();
  }

  private static AuditRecord fromAnotherAddress(AuditRecord r) {
    AuditEvent e = r.event();
    AuditEvent altered =
        new AuditEvent(
            e.tenantId(),
            e.action(),
            e.actorId(),
            Optional.of("10.66.66.66"),
            e.userAgent(),
            e.timestamp(),
            e.resourceId(),
            Map.copyOf(e.details()));
    return new AuditRecord(altered, r.sequence(), r.previousHash(), r.recordHash());
  }

  @Test
  void superAdminActions_goToTheTrailOfTheTenantConcerned() {
    TenantKeys t = server.newTenant();
    List<JsonNode> records = trail(t);
    JsonNode created = withAction(records, "CONFIG_CHANGE").get(0);
    assertThat(created.get("resource").asText()).contains(t.tenant());
    // actor_id is key:<key_id> (spec 07 §2), here the bootstrap key's.
    String root = "key:" + server.keyIdOf(TestServer.ROOT_KEY, TestServer.ROOT_TENANT);
    assertThat(withAction(records, "API_KEY_CREATED"))
        .allMatch(r -> r.get("actor_id").asText().equals(root));
  }
}
