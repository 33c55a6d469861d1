package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.SeededTrace;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Authentication, the role boundary of every endpoint, and the query rate limit (spec 06). */
class ITAuthAndRbac {
  static final String CONFIG =
      "{\"rate_tier\":\"%s\",\"hardware_profile\":\"default\",\"default_legal_hold\":false,"
          + "\"retention\":{\"frame_events_days\":30,\"traces_days\":90,\"artifacts_days\":30,\"audit_days\":null}}";

  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITAuthAndRbac");
    http = server.http();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  record Call(String name, Function<String, Reply> send, int viewer, int developer, int admin) {}

  static List<Call> calls(TenantKeys t, SeededTrace s) {
    String id = s.traceId().value();
    String own = t.tenant();
    return List.of(
        new Call("list traces", k -> http.get("/v1/traces", k), 200, 200, 200),
        new Call("trace detail", k -> http.get("/v1/traces/" + id, k), 200, 200, 200),
        new Call("bottlenecks", k -> http.get("/v1/analytics/bottlenecks", k), 200, 200, 200),
        new Call(
            "costs",
            k -> http.get("/v1/analytics/costs/calculate?trace_ids=" + id, k),
            200,
            200,
            200),
        new Call(
            "timeseries",
            k -> http.get("/v1/analytics/timeseries?metric=throughput", k),
            200,
            200,
            200),
        new Call(
            "signed url",
            k -> http.post("/v1/artifacts/signed-url", k, s.signedUrlBody()),
            200,
            200,
            200),
        new Call(
            "legal hold",
            k -> http.put("/v1/admin/traces/" + id + "/legal-hold", k, "{\"legal_hold\":true}"),
            403,
            403,
            200),
        new Call("audit", k -> http.get("/v1/audit", k), 403, 403, 200),
        new Call("audit verify", k -> http.get("/v1/audit/verify", k), 403, 403, 200),
        new Call(
            "create key",
            k ->
                http.post(
                    "/v1/admin/api-keys",
                    k,
                    "{\"tenant_id\":\"" + own + "\",\"role\":\"viewer\",\"name\":\"rbac\"}"),
            403,
            403,
            201),
        new Call("list keys", k -> http.get("/v1/admin/api-keys", k), 403, 403, 200),
        new Call(
            "list keys of tenant",
            k -> http.get("/v1/admin/tenants/" + own + "/api-keys", k),
            403,
            403,
            200),
        new Call(
            "revoke key",
            k ->
                http.delete(
                    "/v1/admin/api-keys/" + server.keyIdOf(server.newKey(t.id(), "viewer"), t.id()),
                    k),
            403,
            403,
            204),
        new Call("get tenant", k -> http.get("/v1/admin/tenants/" + own, k), 403, 403, 200),
        new Call(
            "put config",
            k ->
                http.put(
                    "/v1/admin/tenants/" + own + "/config", k, String.format(CONFIG, "default")),
            403,
            403,
            200),
        new Call(
            "create tenant",
            k ->
                http.post(
                    "/v1/admin/tenants",
                    k,
                    "{\"tenant_id\":\"" + server.fixtures().tenant() + "\"}"),
            403,
            403,
            403),
        new Call("list tenants", k -> http.get("/v1/admin/tenants", k), 403, 403, 403));
  }

  @Test
  void everyEndpoint_answersEachRoleAsItsPermissionsSay() {
    TenantKeys t = server.newTenant();
    SeededTrace s = server.storeTraceWithArtifact(t.id());
    for (Call c : calls(t, s)) {
      check(c, "viewer", t.viewer(), c.viewer());
      check(c, "developer", t.developer(), c.developer());
      check(c, "admin", t.admin(), c.admin());
    }
  }

  private static void check(Call c, String role, String key, int expected) {
    Reply r = c.send().apply(key);
    assertThat(r.status()).as(c.name() + " as " + role + ": " + r).isEqualTo(expected);
    if (expected == 403) {
      assertThat(r.errorCode()).isEqualTo("FORBIDDEN");
    }
  }

  @Test
  void superAdmin_managesTenantsAndAnyTenantsKeysAndTier() {
    TenantKeys t = server.newTenant();
    assertThat(http.get("/v1/admin/tenants", TestServer.ROOT_KEY).status()).isEqualTo(200);
    assertThat(http.get("/v1/admin/tenants/" + t.tenant(), TestServer.ROOT_KEY).status())
        .isEqualTo(200);
    Reply key =
        http.post(
            "/v1/admin/api-keys",
            TestServer.ROOT_KEY,
            "{\"tenant_id\":\"" + t.tenant() + "\",\"role\":\"admin\",\"name\":\"ops\"}");
    assertThat(key.status()).isEqualTo(201);
    Reply tier =
        http.put(
            "/v1/admin/tenants/" + t.tenant() + "/config",
            TestServer.ROOT_KEY,
            String.format(CONFIG, "unlimited"));
    assertThat(tier.status()).as(tier.toString()).isEqualTo(200);
    assertThat(tier.json().at("/config/rate_tier").asText()).isEqualTo("unlimited");
  }

  @Test
  void admin_cannotRaiseARoleOrItsOwnRateTier() {
    TenantKeys t = server.newTenant();
    Reply above =
        http.post(
            "/v1/admin/api-keys",
            t.admin(),
            "{\"tenant_id\":\"" + t.tenant() + "\",\"role\":\"super_admin\",\"name\":\"x\"}");
    assertThat(above.status()).isEqualTo(403);
    assertThat(above.errorCode()).isEqualTo("FORBIDDEN");
    Reply same =
        http.post(
            "/v1/admin/api-keys",
            t.admin(),
            "{\"tenant_id\":\"" + t.tenant() + "\",\"role\":\"admin\",\"name\":\"x\"}");
    assertThat(same.status()).isEqualTo(201);
    Reply tier =
        http.put(
            "/v1/admin/tenants/" + t.tenant() + "/config",
            t.admin(),
            String.format(CONFIG, "unlimited"));
    assertThat(tier.status()).isEqualTo(403);
    assertThat(tier.errorCode()).isEqualTo("FORBIDDEN");
  }

  @Test
  void missingMalformedUnknownRevokedAndExpiredKeys_areTheSame401() throws Exception {
    TenantKeys t = server.newTenant();
    String revoked = server.newKey(t.id(), "viewer");
    assertThat(
            http.delete("/v1/admin/api-keys/" + server.keyIdOf(revoked, t.id()), t.admin())
                .status())
        .isEqualTo(204);
    Instant soon = Instant.now().plusMillis(1_500).truncatedTo(ChronoUnit.MILLIS);
    Reply created =
        http.post(
            "/v1/admin/api-keys",
            t.admin(),
            "{\"tenant_id\":\""
                + t.tenant()
                + "\",\"role\":\"viewer\",\"name\":\"short\",\"expires_at\":\""
                + soon
                + "\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    String expiring = created.json().get("api_key").asText();
    assertThat(http.get("/v1/traces", expiring).status()).isEqualTo(200);
    while (Instant.now().isBefore(soon.plusMillis(50))) {
      Thread.sleep(100);
    }

    String unknown = "ovpo_nosuchkey0001_" + "A".repeat(40);
    List<Reply> refused =
        List.of(
            http.get("/v1/traces", null),
            http.send(http.request("/v1/traces").header("Authorization", "Basic dXNlcjpwdw==")),
            http.get("/v1/traces", "not-a-key"),
            http.get("/v1/traces", unknown),
            http.get("/v1/traces", revoked),
            http.get("/v1/traces", expiring));
    for (Reply r : refused) {
      assertThat(r.status()).as(r.toString()).isEqualTo(401);
      assertThat(r.errorCode()).isEqualTo("UNAUTHENTICATED");
      assertThat(r.header("WWW-Authenticate")).contains("Bearer realm=\"ovpo\"");
      assertThat(r.json().at("/error/message"))
          .isEqualTo(refused.get(0).json().at("/error/message"));
    }
  }

  @Test
  void queryBucket_refusesWith429AfterTheBurst_perTenant() {
    try (TestServer limited =
        TestServer.start(
            "ITAuthAndRbac-rate",
            Map.of("OVPO_QUERY_RATE", "3/60s", "OVPO_BOOTSTRAP_TIER", "unlimited"))) {
      TenantKeys t = limited.newTenant();
      TenantKeys other = limited.newTenant();
      Http h = limited.http();
      for (int i = 2; i >= 0; i--) {
        Reply ok = h.get("/v1/traces", t.viewer());
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.header("X-RateLimit-Limit")).contains("3");
        assertThat(ok.header("X-RateLimit-Remaining")).contains(Integer.toString(i));
      }
      Reply limitedReply = h.get("/v1/traces", t.viewer());
      assertThat(limitedReply.status()).isEqualTo(429);
      assertThat(limitedReply.errorCode()).isEqualTo("RATE_LIMITED");
      String retryAfter = limitedReply.header("Retry-After").orElseThrow();
      assertThat(limitedReply.json().at("/error/retry_after").asText()).isEqualTo(retryAfter);
      assertThat(limitedReply.header("X-RateLimit-Remaining")).contains("0");
      // Admin calls draw from the same bucket.
      assertThat(h.get("/v1/admin/api-keys", t.admin()).status()).isEqualTo(429);
      assertThat(h.get("/v1/traces", other.viewer()).status()).isEqualTo(200);
    }
  }
}
