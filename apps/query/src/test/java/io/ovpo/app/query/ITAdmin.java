package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.SeededTrace;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.TraceId;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Tenants, tenant configuration, API keys and legal hold over HTTP (spec 06 §6). */
class ITAdmin {
  static final String ROOT = TestServer.ROOT_KEY;
  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITAdmin");
    http = server.http();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void createTenant_answers201WithDefaults_thenConflictForTheSameId() {
    String id = server.fixtures().tenant().value();
    Reply created = http.post("/v1/admin/tenants", ROOT, "{\"tenant_id\":\"" + id + "\"}");
    assertThat(created.status()).isEqualTo(201);
    JsonNode t = created.json();
    assertThat(t.get("tenant_id").asText()).isEqualTo(id);
    assertThat(t.get("name").asText()).isEqualTo(id);
    assertThat(t.get("created_at").asText()).endsWith("Z");
    assertThat(t.at("/config/rate_tier").asText()).isEqualTo("default");
    assertThat(t.at("/config/default_legal_hold").asBoolean()).isFalse();
    assertThat(t.at("/config/retention").has("audit_days")).isTrue();

    Reply again =
        http.post("/v1/admin/tenants", ROOT, "{\"tenant_id\":\"" + id + "\",\"name\":\"x\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.errorCode()).isEqualTo("CONFLICT");
    assertThat(http.get("/v1/admin/tenants/" + id, ROOT).json()).isEqualTo(t);
  }

  @Test
  void createTenant_refusesBadBodies() {
    assertThat(http.post("/v1/admin/tenants", ROOT, "{\"tenant_id\":\"X\"}").errorCode())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(
            http.post("/v1/admin/tenants", ROOT, "{\"tenant_id\":\"abc-1\",\"plan\":\"pro\"}")
                .errorCode())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(http.post("/v1/admin/tenants", ROOT, "{\"tenant_id\":").errorCode())
        .isEqualTo("MALFORMED_JSON");
    assertThat(http.post("/v1/admin/tenants", ROOT, "").status()).isEqualTo(400);
  }

  @Test
  void listTenants_isOrderedById_andUnknownTenantIs404() {
    server.newTenant();
    server.newTenant();
    List<String> ids = new ArrayList<>();
    http.get("/v1/admin/tenants", ROOT)
        .json()
        .get("data")
        .forEach(t -> ids.add(t.get("tenant_id").asText()));
    assertThat(ids).hasSizeGreaterThanOrEqualTo(3).isSorted();
    Reply unknown = http.get("/v1/admin/tenants/no-such-tenant", ROOT);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(http.get("/v1/admin/tenants/Bad!", ROOT).status()).isEqualTo(400);
  }

  @Test
  void tenantConfig_setsRetentionAndDefaultLegalHold_forNewTraces() {
    TenantKeys t = server.newTenant();
    String body =
        "{\"rate_tier\":\"default\",\"hardware_profile\":\"default\",\"default_legal_hold\":true,"
            + "\"retention\":{\"frame_events_days\":7,\"traces_days\":400,\"artifacts_days\":3,\"audit_days\":3650}}";
    Reply r = http.put("/v1/admin/tenants/" + t.tenant() + "/config", t.admin(), body);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.json().at("/config/retention/traces_days").asLong()).isEqualTo(400);
    assertThat(r.json().at("/config/retention/audit_days").asLong()).isEqualTo(3650);
    assertThat(http.get("/v1/admin/tenants/" + t.tenant(), t.admin()).json().get("config"))
        .isEqualTo(r.json().get("config"));

    TraceId id = server.fixtures().traceId();
    Instant created = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
    server.store(
        t.id(),
        new IngestItem.TraceItem(server.fixtures().trace().id(id).createdAt(created).build()));
    assertThat(http.get("/v1/traces/" + id, t.viewer()).json().at("/trace/legal_hold").asBoolean())
        .isTrue();

    String zeroDays = body.replace("\"artifacts_days\":3", "\"artifacts_days\":0");
    assertThat(
            http.put("/v1/admin/tenants/" + t.tenant() + "/config", t.admin(), zeroDays)
                .errorCode())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(
            http.put(
                    "/v1/admin/tenants/" + t.tenant() + "/config",
                    t.admin(),
                    "{\"rate_tier\":\"default\"}")
                .status())
        .isEqualTo(400);
  }

  @Test
  void createdKey_isShownOnce_worksAtOnce_andListsWithoutSecrets() {
    TenantKeys t = server.newTenant();
    Reply created =
        http.post(
            "/v1/admin/api-keys",
            t.admin(),
            "{\"tenant_id\":\""
                + t.tenant()
                + "\",\"role\":\"developer\",\"name\":\"render-farm\"}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.header("Cache-Control")).contains("no-store");
    JsonNode k = created.json();
    String apiKey = k.get("api_key").asText();
    assertThat(apiKey).matches("^ovpo_[a-z0-9]{8,16}_[A-Za-z0-9]{32,64}$");
    assertThat(apiKey).startsWith("ovpo_" + k.get("prefix").asText() + "_");
    assertThat(k.get("role").asText()).isEqualTo("developer");
    assertThat(k.get("expires_at").isNull()).isTrue();
    assertThat(k.get("last_used_at").isNull()).isTrue();

    assertThat(http.get("/v1/traces", apiKey).status()).isEqualTo(200);
    Reply list = http.get("/v1/admin/api-keys", t.admin());
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.body()).doesNotContain(apiKey.substring(apiKey.lastIndexOf('_') + 1));
    // The tenant's admin key may share the new key's created_at millisecond: find it by id.
    JsonNode newest = null;
    for (JsonNode entry : list.json().get("data")) {
      if (entry.get("key_id").asText().equals(k.get("key_id").asText())) {
        newest = entry;
      }
    }
    assertThat(newest).as("the created key in the list").isNotNull();
    assertThat(newest.has("api_key")).isFalse();
    assertThat(newest.has("secret_sha256")).isFalse();
    assertThat(newest.get("last_used_at").isNull()).isFalse();
    assertThat(http.get("/v1/admin/tenants/" + t.tenant() + "/api-keys", t.admin()).json())
        .isEqualTo(list.json());
  }

  @Test
  void createKey_refusesPastExpiryUnknownRoleAndMissingName() {
    TenantKeys t = server.newTenant();
    String tenant = "\"tenant_id\":\"" + t.tenant() + "\"";
    List<String> bodies =
        List.of(
            "{"
                + tenant
                + ",\"role\":\"viewer\",\"name\":\"x\",\"expires_at\":\"2020-01-01T00:00:00.000Z\"}",
            "{" + tenant + ",\"role\":\"owner\",\"name\":\"x\"}",
            "{" + tenant + ",\"role\":\"viewer\"}",
            "{" + tenant + ",\"role\":\"viewer\",\"name\":\"x\",\"secret\":\"y\"}");
    for (String b : bodies) {
      Reply r = http.post("/v1/admin/api-keys", t.admin(), b);
      assertThat(r.status()).as(b).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
    }
  }

  @Test
  void revoke_answers204_isIdempotent_andTheKeyStopsWorking() {
    TenantKeys t = server.newTenant();
    String key = server.newKey(t.id(), "viewer");
    String keyId = server.keyIdOf(key, t.id());
    assertThat(http.delete("/v1/admin/api-keys/" + keyId, t.admin()).status()).isEqualTo(204);
    assertThat(http.get("/v1/traces", key).status()).isEqualTo(401);
    assertThat(http.delete("/v1/admin/api-keys/" + keyId, t.admin()).status()).isEqualTo(204);
    JsonNode listed = http.get("/v1/admin/api-keys", t.admin()).json().get("data");
    boolean revokedShown = false;
    for (JsonNode n : listed) {
      if (n.get("key_id").asText().equals(keyId)) {
        revokedShown = !n.get("revoked_at").isNull();
      }
    }
    assertThat(revokedShown).isTrue();
    assertThat(http.delete("/v1/admin/api-keys/" + KeyId.random(), t.admin()).status())
        .isEqualTo(404);
    assertThat(http.delete("/v1/admin/api-keys/not-an-id", t.admin()).errorCode())
        .isEqualTo("INVALID_PARAMETER");
  }

  @Test
  void legalHold_setsAndClears_andRefusesBadBodiesAndUnknownTraces() {
    TenantKeys t = server.newTenant();
    SeededTrace s = server.storeTraceWithArtifact(t.id());
    String path = "/v1/admin/traces/" + s.traceId() + "/legal-hold";
    Reply set = http.put(path, t.admin(), "{\"legal_hold\":true}");
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().get("trace_id").asText()).isEqualTo(s.traceId().value());
    assertThat(set.json().get("legal_hold").asBoolean()).isTrue();
    assertThat(
            http.get("/v1/traces/" + s.traceId(), t.viewer())
                .json()
                .at("/trace/legal_hold")
                .asBoolean())
        .isTrue();
    assertThat(
            http.put(path, t.admin(), "{\"legal_hold\":false}")
                .json()
                .get("legal_hold")
                .asBoolean())
        .isFalse();

    assertThat(http.put(path, t.admin(), "{\"legal_hold\":\"yes\"}").errorCode())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(http.put(path, t.admin(), "{}").errorCode()).isEqualTo("INVALID_PARAMETER");
    assertThat(
            http.put(
                    "/v1/admin/traces/" + TraceId.random() + "/legal-hold",
                    t.admin(),
                    "{\"legal_hold\":true}")
                .status())
        .isEqualTo(404);
  }
}
