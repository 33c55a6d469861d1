package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.TenantFixture;
import io.ovpo.compliance.http.Reply;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** Roles, permissions and API keys (spec 06 §1-§4, §6.4). */
public final class RbacChecks {
  private static final Pattern KEY = Pattern.compile("^ovpo_[a-z0-9]{8,16}_[A-Za-z0-9]{32,64}$");

  private RbacChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "rbac.viewer-cannot-ingest",
            "06 §3, 02 §2 check 4",
            "A viewer key is 403 FORBIDDEN at ingest, before the media type is looked at",
            RbacChecks::viewerCannotIngest),
        check(
            "rbac.viewer-reads",
            "06 §3-4",
            "A viewer reads traces and analytics",
            RbacChecks::viewerReads),
        check(
            "rbac.developer-has-no-admin-permission",
            "06 §4",
            "A developer key is 403 on admin, key and audit endpoints",
            RbacChecks::developerNoAdmin),
        check(
            "rbac.admin-cannot-manage-tenants",
            "06 §4",
            "A tenant admin is 403 when creating or listing tenants",
            RbacChecks::adminNoTenants),
        check(
            "rbac.no-key-above-the-callers-role",
            "06 §6.4",
            "A key may not be created above the caller's role (403); at or below it is 201",
            RbacChecks::noEscalation),
        check(
            "rbac.admin-other-tenant-is-not-found",
            "06 §4 target-tenant rule",
            "A tenant admin naming another tenant gets 404, exactly as for a tenant that does not"
                + " exist",
            RbacChecks::adminOtherTenant),
        check(
            "rbac.revoked-key-is-refused",
            "06 §2 rules 4-6, §6.4",
            "A revoked key is 401 at once; revoking again is 204; an unknown key id is 404",
            RbacChecks::revokedKey),
        check(
            "rbac.expired-key-is-refused",
            "06 §2 rule 4, §6.4",
            "A key past expires_at is 401; expires_at in the past is 400 at creation",
            RbacChecks::expiredKey),
        check(
            "rbac.api-key-shown-once",
            "06 §6.4, §8",
            "A created key is returned once with Cache-Control: no-store; lists never show a"
                + " secret",
            RbacChecks::keyShownOnce),
        check(
            "rbac.query-needs-a-key",
            "05 §1 rule 1, 06 §2",
            "Query endpoints without a valid key are 401 UNAUTHENTICATED with WWW-Authenticate",
            RbacChecks::queryNeedsKey));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "rbac", spec, title, body);
  }

  static void viewerCannotIngest(Session s) {
    String viewer = s.tenant("primary").viewer();
    byte[] body = IngestChecks.oneTrace(s).bytes();
    error(
        s.http().call("POST", "/v1/ingest/batch").key(viewer).ingestHeaders().body(body).send(),
        403,
        "FORBIDDEN");
    error(
        s.http()
            .call("POST", "/v1/ingest/batch")
            .key(viewer)
            .header("Content-Type", "text/plain")
            .body(body)
            .send(),
        403,
        "FORBIDDEN");
  }

  static void viewerReads(Session s) {
    TenantFixture t = s.tenant("primary");
    String traceId = Items.id();
    TenancyChecks.storedTrace(s, t.developer(), traceId);
    status(s.detail(t.viewer(), traceId), 200);
    status(s.http().get("/v1/traces?limit=5", t.viewer()), 200);
    status(s.http().get("/v1/analytics/bottlenecks", t.viewer()), 200);
    status(s.http().get("/v1/analytics/costs/calculate?trace_ids=" + traceId, t.viewer()), 200);
  }

  private static Reply json(Session s, String method, String path, String key, String body) {
    return s.http()
        .call(method, path)
        .key(key)
        .header("Content-Type", "application/json")
        .json(body)
        .send();
  }

  static void developerNoAdmin(Session s) {
    TenantFixture t = s.tenant("primary");
    String dev = t.developer();
    List<Reply> replies =
        List.of(
            json(
                s,
                "POST",
                "/v1/admin/api-keys",
                dev,
                "{\"tenant_id\":\"" + t.tenantId() + "\",\"role\":\"viewer\",\"name\":\"x\"}"),
            s.http().get("/v1/admin/tenants/" + t.tenantId() + "/api-keys", dev),
            s.http().get("/v1/audit", dev),
            s.http().get("/v1/audit/verify", dev),
            json(
                s,
                "PUT",
                "/v1/admin/traces/" + Items.id() + "/legal-hold",
                dev,
                "{\"legal_hold\":true}"),
            json(
                s,
                "POST",
                "/v1/admin/tenants",
                dev,
                "{\"tenant_id\":\"cmp-" + Session.random(10) + "\"}"),
            s.http().get("/v1/admin/tenants", t.viewer()),
            s.http().get("/v1/audit", t.viewer()));
    for (Reply r : replies) {
      error(r, 403, "FORBIDDEN");
    }
  }

  static void adminNoTenants(Session s) {
    TenantFixture t = s.tenant("primary");
    error(
        json(
            s,
            "POST",
            "/v1/admin/tenants",
            t.admin(),
            "{\"tenant_id\":\"cmp-" + Session.random(10) + "\"}"),
        403,
        "FORBIDDEN");
    error(s.http().get("/v1/admin/tenants", t.admin()), 403, "FORBIDDEN");
    status(s.http().get("/v1/admin/tenants/" + t.tenantId(), t.admin()), 200);
  }

  static void noEscalation(Session s) {
    TenantFixture t = s.tenant("primary");
    error(s.newKey(t.admin(), t.tenantId(), "super_admin", Optional.empty()), 403, "FORBIDDEN");
    status(s.newKey(t.admin(), t.tenantId(), "admin", Optional.empty()), 201);
    status(s.newKey(t.admin(), t.tenantId(), "viewer", Optional.empty()), 201);
  }

  static void adminOtherTenant(Session s) {
    TenantFixture mine = s.tenant("primary");
    TenantFixture other = s.tenant("secondary");
    String nowhere = "cmp-" + Session.random(12);
    JsonNode missing =
        error(s.http().get("/v1/admin/tenants/" + nowhere, mine.admin()), 404, "NOT_FOUND");
    JsonNode foreign =
        error(
            s.http().get("/v1/admin/tenants/" + other.tenantId(), mine.admin()), 404, "NOT_FOUND");
    equal(
        foreign.path("message").asText(),
        missing.path("message").asText(),
        "message for another tenant vs a tenant that does not exist");
    error(
        s.http().get("/v1/admin/tenants/" + other.tenantId() + "/api-keys", mine.admin()),
        404,
        "NOT_FOUND");
    error(s.newKey(mine.admin(), other.tenantId(), "viewer", Optional.empty()), 404, "NOT_FOUND");
  }

  static void revokedKey(Session s) {
    TenantFixture t = s.tenant("primary");
    JsonNode created = s.createKey(t.admin(), t.tenantId(), "developer");
    String key = created.path("api_key").asText();
    status(s.ingest(key, IngestChecks.oneTrace(s)), 202);
    String path = "/v1/admin/api-keys/" + created.path("key_id").asText();
    Reply revoked = status(s.http().call("DELETE", path).key(t.admin()).send(), 204);
    that(revoked.body().length == 0, "204 has no body: %s", revoked.excerpt());
    error(s.ingest(key, IngestChecks.oneTrace(s)), 401, "UNAUTHENTICATED");
    error(s.http().get("/v1/traces", key), 401, "UNAUTHENTICATED");
    status(s.http().call("DELETE", path).key(t.admin()).send(), 204);
    error(
        s.http().call("DELETE", "/v1/admin/api-keys/" + Items.id()).key(t.admin()).send(),
        404,
        "NOT_FOUND");
  }

  static void expiredKey(Session s) {
    TenantFixture t = s.tenant("primary");
    error(
        s.newKey(t.admin(), t.tenantId(), "viewer", Optional.of(Instant.now().minusSeconds(60))),
        400,
        "INVALID_PARAMETER");
    Instant expiry = Instant.now().plusSeconds(3);
    String key =
        status(s.newKey(t.admin(), t.tenantId(), "viewer", Optional.of(expiry)), 201)
            .json()
            .path("api_key")
            .asText();
    Session.pause(java.time.Duration.between(Instant.now(), expiry).plusMillis(1200));
    error(s.http().get("/v1/traces", key), 401, "UNAUTHENTICATED");
  }

  static void keyShownOnce(Session s) {
    TenantFixture t = s.tenant("primary");
    Reply r = status(s.newKey(t.admin(), t.tenantId(), "viewer", Optional.empty()), 201);
    equal(r.header("Cache-Control").orElse(null), "no-store", "Cache-Control of a created key");
    JsonNode k = r.json();
    String apiKey = k.path("api_key").asText();
    that(
        KEY.matcher(apiKey).matches(),
        "api_key must match the key format of 06 §1: %s",
        apiKey.replaceAll("_[A-Za-z0-9]+$", "_****"));
    equal(apiKey.split("_")[1], k.path("prefix").asText(), "prefix is the key's public part");
    for (String field :
        List.of(
            "key_id",
            "tenant_id",
            "role",
            "name",
            "created_at",
            "expires_at",
            "revoked_at",
            "last_used_at")) {
      that(k.has(field), "created key lacks %s: %s", field, k.fieldNames());
    }
    String secret = apiKey.substring(apiKey.lastIndexOf('_') + 1);
    Reply list =
        status(s.http().get("/v1/admin/tenants/" + t.tenantId() + "/api-keys", t.admin()), 200);
    that(!list.text().contains(secret), "the key list must never carry a secret");
    for (JsonNode entry : list.json().path("data")) {
      if (entry.has("api_key") || entry.has("secret_sha256")) {
        throw new CheckFailure("a listed key shows api_key or secret_sha256: " + entry);
      }
    }
    that(
        Details.ids(list.json().path("data"), "key_id").contains(k.path("key_id").asText()),
        "the new key is listed");
    List<String> created = Details.ids(list.json().path("data"), "created_at");
    List<String> newestFirst = new java.util.ArrayList<>(created);
    newestFirst.sort(java.util.Comparator.reverseOrder());
    equal(created, newestFirst, "keys newest first (created_at)");
  }

  static void queryNeedsKey(Session s) {
    String unknown = "ovpo_" + Session.random(12) + "_" + "Z".repeat(40);
    for (Reply r :
        List.of(
            s.http().get("/v1/traces", null),
            s.http().get("/v1/traces", unknown),
            s.http().get("/v1/analytics/bottlenecks", null),
            s.http().get("/v1/audit", null))) {
      error(r, 401, "UNAUTHENTICATED");
      equal(
          r.header("WWW-Authenticate").orElse(null),
          "Bearer realm=\"ovpo\"",
          r.describe() + " WWW-Authenticate");
    }
  }
}
