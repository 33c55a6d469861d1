package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.TenantFixture;
import io.ovpo.compliance.http.Reply;
import java.util.List;

/** Tenants and legal hold through the admin API (spec 06 §6). */
public final class AdminChecks {
  private AdminChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "admin.tenants",
            "06 §6.1-6.2",
            "Creating a tenant is 201 with its default config; an existing id is 409 CONFLICT; a"
                + " bad id or unknown member is 400",
            AdminChecks::tenants),
        check(
            "admin.legal-hold",
            "06 §6.5, 08 §4",
            "PUT legal-hold sets and clears the hold of a trace of the caller's tenant; another"
                + " tenant's trace is 404",
            AdminChecks::legalHold));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "admin", spec, title, body);
  }

  private static Reply post(Session s, String path, String key, String body) {
    return s.http()
        .call("POST", path)
        .key(key)
        .header("Content-Type", "application/json")
        .json(body)
        .send();
  }

  static void tenants(Session s) {
    String admin = s.adminKey();
    String id = "cmp-" + Session.random(12);
    Reply created =
        status(post(s, "/v1/admin/tenants", admin, "{\"tenant_id\":\"" + id + "\"}"), 201);
    JsonNode t = created.json();
    equal(t.path("tenant_id").asText(), id, "tenant_id");
    equal(t.path("name").asText(), id, "name defaults to tenant_id");
    JsonNode config = t.path("config");
    equal(config.path("rate_tier").asText(), "default", "config.rate_tier");
    equal(config.path("hardware_profile").asText(), "default", "config.hardware_profile");
    equal(config.path("default_legal_hold").asBoolean(true), false, "config.default_legal_hold");
    JsonNode retention = config.path("retention");
    equal(retention.path("frame_events_days").asInt(), 180, "retention.frame_events_days");
    equal(retention.path("traces_days").asInt(), 730, "retention.traces_days");
    equal(retention.path("artifacts_days").asInt(), 30, "retention.artifacts_days");
    that(
        retention.has("audit_days") && retention.path("audit_days").isNull(),
        "retention.audit_days null");
    error(post(s, "/v1/admin/tenants", admin, "{\"tenant_id\":\"" + id + "\"}"), 409, "CONFLICT");
    error(
        post(s, "/v1/admin/tenants", admin, "{\"tenant_id\":\"Bad Id!\"}"),
        400,
        "INVALID_PARAMETER");
    error(
        post(
            s,
            "/v1/admin/tenants",
            admin,
            "{\"tenant_id\":\"cmp-" + Session.random(12) + "\",\"colour\":\"red\"}"),
        400,
        "INVALID_PARAMETER");
    status(s.http().get("/v1/admin/tenants/" + id, admin), 200);
    JsonNode list = status(s.http().get("/v1/admin/tenants", admin), 200).json();
    that(
        Details.ids(list.path("data"), "tenant_id").contains(id),
        "the tenant list holds the new tenant");
  }

  static void legalHold(Session s) {
    TenantFixture t = s.tenant("primary");
    TenantFixture other = s.tenant("secondary");
    String traceId = Items.id();
    s.ingestAll(
        t.developer(), Batch.of().trace(s.items().trace(traceId, "COMPLETED", Items.past())));
    s.awaitTrace(t.developer(), traceId, "the trace", d -> true);
    String path = "/v1/admin/traces/" + traceId + "/legal-hold";
    JsonNode on = status(put(s, path, t.admin(), "{\"legal_hold\":true}"), 200).json();
    equal(on.path("trace_id").asText(), traceId, "trace_id");
    equal(on.path("legal_hold").asBoolean(false), true, "legal_hold");
    equal(
        status(s.detail(t.developer(), traceId), 200)
            .json()
            .path("trace")
            .path("legal_hold")
            .asBoolean(false),
        true,
        "the trace view after the hold");
    JsonNode off = status(put(s, path, t.admin(), "{\"legal_hold\":false}"), 200).json();
    equal(off.path("legal_hold").asBoolean(true), false, "legal_hold cleared");
    error(put(s, path, other.admin(), "{\"legal_hold\":true}"), 404, "NOT_FOUND");
    error(put(s, path, t.admin(), "{\"legal_hold\":\"yes\"}"), 400, "INVALID_PARAMETER");
  }

  private static Reply put(Session s, String path, String key, String body) {
    return s.http()
        .call("PUT", path)
        .key(key)
        .header("Content-Type", "application/json")
        .json(body)
        .send();
  }
}
