package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.TenantFixture;
import io.ovpo.compliance.http.Reply;
import java.time.Instant;
import java.util.List;

/** Tenant isolation (spec 06 §5, 05 §1 rule 2, 04 §2). */
public final class TenancyChecks {
  private TenancyChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "tenancy.other-tenants-trace-is-not-found",
            "06 §5 rule 2, 05 §1 rule 2",
            "Another tenant's trace is 404 with the body of a trace that never existed, absent"
                + " from lists, not_found in costs, 404 for signed URLs",
            TenancyChecks::otherTenantsTrace),
        check(
            "tenancy.same-ids-are-independent",
            "04 §2",
            "The same trace_id in two tenants names two unrelated traces",
            TenancyChecks::sameIds),
        check(
            "tenancy.tenant-id-is-never-taken-from-the-caller",
            "06 §5 rule 1",
            "A tenant_id in a payload is a SCHEMA_VIOLATION and as a query parameter a 400",
            TenancyChecks::tenantIdRefused));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "tenancy", spec, title, body);
  }

  /** A stored COMPLETED trace of the key under test with one artifact; returns its detail. */
  static JsonNode storedTrace(Session s, String key, String traceId) {
    Instant t0 = Items.past();
    s.ingestAll(
        key,
        Batch.of()
            .trace(s.items().trace(traceId, "COMPLETED", t0))
            .manifest(Items.manifest(traceId, Items.artifact("VIDEO", "s3://compliance/t.mp4"))));
    return s.awaitTrace(
        key, traceId, "the trace and its artifact", d -> d.path("artifacts").size() == 1);
  }

  static void otherTenantsTrace(Session s) {
    TenantFixture other = s.tenant("primary");
    String traceId = Items.id();
    JsonNode mine = storedTrace(s, s.apiKey(), traceId);
    String artifactId = mine.path("artifacts").get(0).path("artifact_id").asText();

    JsonNode hidden = error(s.detail(other.developer(), traceId), 404, "NOT_FOUND");
    JsonNode missing = error(s.detail(other.developer(), Items.id()), 404, "NOT_FOUND");
    equal(
        hidden.path("message").asText(),
        missing.path("message").asText(),
        "404 message for another tenant's trace vs one that never existed");

    String list = "/v1/traces?limit=200&tag=" + Items.RUN_TAG + ":" + s.items().runId();
    equal(
        Details.ids(
                status(s.http().get(list, other.developer()), 200).json().path("data"), "trace_id")
            .contains(traceId),
        false,
        "another tenant's trace listed");

    JsonNode costs =
        status(
                s.http()
                    .get("/v1/analytics/costs/calculate?trace_ids=" + traceId, other.developer()),
                200)
            .json();
    equal(costs.path("data").size(), 0, "costs data for another tenant's trace");
    equal(
        costs.path("not_found").size() == 1
            && costs.path("not_found").get(0).asText().equals(traceId),
        true,
        "another tenant's trace listed under not_found: " + costs);

    ObjectNode body =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
            .objectNode()
            .put("trace_id", traceId)
            .put("artifact_id", artifactId);
    Reply url =
        s.http()
            .call("POST", "/v1/artifacts/signed-url")
            .key(other.developer())
            .header("Content-Type", "application/json")
            .json(body.toString())
            .send();
    error(url, 404, "NOT_FOUND");
  }

  static void sameIds(Session s) {
    TenantFixture other = s.tenant("primary");
    String traceId = Items.id();
    Instant t0 = Items.past();
    storedTrace(s, s.apiKey(), traceId);
    ObjectNode theirs = s.items().trace(traceId, "FAILED", t0);
    ((ObjectNode) theirs.path("tags")).put("owner", "second");
    s.ingestAll(other.developer(), Batch.of().trace(theirs));
    JsonNode their =
        s.awaitTrace(
            other.developer(),
            traceId,
            "the second tenant's FAILED trace",
            d -> Details.reported(d).equals("FAILED"));
    equal(their.path("artifacts").size(), 0, "the second tenant sees no artifact of the first");
    JsonNode mine =
        s.awaitStable(
            s.apiKey(),
            traceId,
            "the first tenant's trace unchanged",
            d ->
                Details.reported(d).equals("COMPLETED")
                    && !d.path("trace").path("tags").has("owner"));
    equal(mine.path("artifacts").size(), 1, "the first tenant's artifacts");
  }

  static void tenantIdRefused(Session s) {
    ObjectNode trace = s.items().trace(Items.id(), "RUNNING", Items.past());
    trace.put("tenant_id", "someone-else");
    Reply r = status(s.ingest(s.apiKey(), Batch.of().trace(trace)), 400);
    JsonNode e = r.json().path("errors").path(0);
    equal(e.path("code").asText(), "SCHEMA_VIOLATION", "code of a payload tenant_id");
    equal(e.path("field").asText(), "/data/tenant_id", "field of a payload tenant_id");
    error(s.http().get("/v1/traces?tenant_id=default", s.apiKey()), 400, "INVALID_PARAMETER");
    error(
        s.http().get("/v1/analytics/bottlenecks?tenant_id=default", s.apiKey()),
        400,
        "INVALID_PARAMETER");
  }
}
