package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.TraceId;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * User deletion, deletion progress and retention runs over HTTP (spec 06 §6.6): answers, RBAC, the
 * target-tenant rule and refused input. The deletion's work itself is the processor's (see the core
 * tests and the server's retention scenario); here nothing deletes, so tombstones stay RUNNING.
 */
class ITDeletions {
  static final String ROOT = TestServer.ROOT_KEY;
  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITDeletions");
    http = server.http();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static String users(TenantKeys t, String hash) {
    return "/v1/admin/tenants/" + t.tenant() + "/users/" + hash;
  }

  @Test
  void deleteUser_answers202WithTheCount_andTheTombstoneIsReadable() {
    TenantKeys t = server.newTenant();
    String user = server.fixtures().hex64();
    for (int i = 0; i < 2; i++) {
      server.store(
          t.id(),
          new IngestItem.TraceItem(
              server.fixtures().trace().id(TraceId.random()).userIdHash(user).build()));
    }

    Reply accepted = http.delete(users(t, user) + "?reason=ticket%2042", t.admin());

    assertThat(accepted.status()).isEqualTo(202);
    JsonNode body = accepted.json();
    assertThat(body.get("trace_count").asInt()).isEqualTo(2);
    String id = body.get("deletion_id").asText();
    JsonNode tombstone = http.get("/v1/admin/deletions/" + id, t.admin()).json();
    assertThat(tombstone.get("state").asText()).isEqualTo("RUNNING");
    assertThat(tombstone.get("reason").asText()).isEqualTo("ticket 42");
    assertThat(tombstone.get("user_id_hash").asText()).isEqualTo(user);
    assertThat(tombstone.get("tenant_id").asText()).isEqualTo(t.tenant());
    assertThat(http.get("/v1/admin/deletions/" + id, ROOT).status())
        .as("a super_admin sees every tenant's deletions")
        .isEqualTo(200);
    JsonNode audit = http.get("/v1/audit?action=TRACE_DELETE", t.admin()).json();
    assertThat(audit.at("/data/0/resource").asText()).isEqualTo("deletion:" + id);
  }

  @Test
  void rbac_andTheTargetTenantRule() {
    TenantKeys t = server.newTenant();
    TenantKeys other = server.newTenant();
    String user = server.fixtures().hex64();
    assertThat(http.delete(users(t, user), t.developer()).errorCode()).isEqualTo("FORBIDDEN");
    assertThat(http.delete(users(t, user), other.admin()).errorCode()).isEqualTo("NOT_FOUND");
    String id = http.delete(users(t, user), t.admin()).json().get("deletion_id").asText();
    assertThat(http.get("/v1/admin/deletions/" + id, other.admin()).errorCode())
        .isEqualTo("NOT_FOUND");
    assertThat(http.get("/v1/admin/deletions/" + id, t.viewer()).errorCode())
        .isEqualTo("FORBIDDEN");
    assertThat(http.post("/v1/admin/retention/run", t.developer(), "{}").errorCode())
        .isEqualTo("FORBIDDEN");
  }

  @Test
  void malformedInput_isInvalidParameter() {
    TenantKeys t = server.newTenant();
    assertThat(http.delete(users(t, "ABC"), t.admin()).errorCode()).isEqualTo("INVALID_PARAMETER");
    assertThat(
            http.delete(users(t, server.fixtures().hex64()) + "?force=true", t.admin()).errorCode())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(http.get("/v1/admin/deletions/not-a-uuid", t.admin()).errorCode())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(http.get("/v1/admin/deletions/" + UUID.randomUUID(), t.admin()).errorCode())
        .isEqualTo("NOT_FOUND");
    assertThat(http.post("/v1/admin/retention/run", t.admin(), "{\"x\":1}").errorCode())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(http.post("/v1/admin/retention/run", t.admin(), "[").errorCode())
        .isEqualTo("MALFORMED_JSON");
  }

  @Test
  void retentionRun_answersTheReportOfTheCallersTenant() {
    TenantKeys t = server.newTenant();
    Reply r = http.post("/v1/admin/retention/run", t.admin(), "");
    assertThat(r.status()).isEqualTo(200);
    JsonNode report = r.json();
    assertThat(report.get("tenant_id").asText()).isEqualTo(t.tenant());
    assertThat(report.get("run_id").asText()).hasSize(36);
    assertThat(report.at("/deleted/traces").asLong()).isZero();
    assertThat(report.get("held").asLong()).isZero();
    assertThat(report.get("failed").asLong()).isZero();
    assertThat(report.get("deletion_id").isNull()).isTrue();
  }
}
