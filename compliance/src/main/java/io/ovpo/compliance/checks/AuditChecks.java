package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.TenantFixture;
import io.ovpo.compliance.http.Call;
import io.ovpo.compliance.http.Reply;
import io.ovpo.compliance.internal.AuditChain;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The audit trail (spec 07): what is recorded, how, and the hash chain. */
public final class AuditChecks {
  private static final Pattern TIMESTAMP =
      Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$");

  private AuditChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "audit.operations-are-recorded",
            "07 §1, §2",
            "Trace access, trace query, signed URL, key creation and key revocation each append"
                + " one record of their action, with the caller's address and User-Agent",
            AuditChecks::operationsRecorded),
        check(
            "audit.resource-names-what-was-touched",
            "07 §1 (resource column)",
            "resource is trace:<id>, traces, artifact:<trace>/<artifact>, api_key:<key_id>,"
                + " tenant:<id>",
            AuditChecks::resourceForms),
        check(
            "audit.actor-id-names-the-key",
            "07 §2",
            "actor_id of a request made with an API key is key:<key_id>",
            AuditChecks::actorId),
        check(
            "audit.details-carry-required-members",
            "07 §1 (details column)",
            "details carry at least the members the spec lists per action",
            AuditChecks::requiredDetails),
        check(
            "audit.details-never-carry-tag-values",
            "07 §2 (details)",
            "details never contain tag values (nor secrets or prompts)",
            AuditChecks::noTagValues),
        check(
            "audit.refused-requests-are-not-recorded",
            "07 §1 rule 1",
            "401, 403 and 404 answers leave no audit record",
            AuditChecks::refusedNotRecorded),
        check(
            "audit.chain-intact",
            "07 §3, §5",
            "GET /v1/audit/verify reports an intact chain, and every record_hash and previous_hash"
                + " recomputes client-side from the canonical JSON",
            AuditChecks::chainIntact),
        check(
            "audit.list-newest-first-paged",
            "07 §5",
            "The audit list pages newest first without gaps; action and limit are validated",
            AuditChecks::listPaged));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "audit", spec, title, body);
  }

  /**
   * One run of audited operations in the primary tenant, each with its own User-Agent so its record
   * can be found among the others.
   */
  record Scenario(
      TenantFixture tenant,
      String traceId,
      String artifactId,
      String tagValue,
      String createdKeyId,
      String refusedAgent,
      Map<String, JsonNode> byAgent,
      List<JsonNode> all) {
    JsonNode record(String agent, String action) {
      JsonNode r = byAgent.get(agent + "/" + action);
      if (r == null) {
        throw new CheckFailure(
            "no " + action + " record with User-Agent " + agent + " in the tenant's audit trail");
      }
      return r;
    }
  }

  private static final String ACCESS = Call.USER_AGENT + " access";
  private static final String QUERY = Call.USER_AGENT + " query";
  private static final String URL = Call.USER_AGENT + " signed-url";
  private static final String KEY_CREATED = Call.USER_AGENT + " key-created";
  private static final String KEY_REVOKED = Call.USER_AGENT + " key-revoked";

  static Scenario scenario(Session s) {
    return s.shared("audit-scenario", () -> runScenario(s));
  }

  private static Scenario runScenario(Session s) {
    TenantFixture t = s.tenant("primary");
    String nonce = Session.random(8);
    String traceId = Items.id();
    JsonNode stored = TenancyChecks.storedTrace(s, t.developer(), traceId);
    String artifactId = stored.path("artifacts").get(0).path("artifact_id").asText();
    status(
        s.http()
            .call("GET", "/v1/traces/" + traceId)
            .key(t.developer())
            .header("User-Agent", ACCESS + " " + nonce)
            .send(),
        200);
    String tagValue = "secret-tag-value-" + Session.random(10);
    status(
        s.http()
            .call("GET", "/v1/traces?limit=7&tag=compliance.case:" + tagValue)
            .key(t.developer())
            .header("User-Agent", QUERY + " " + nonce)
            .send(),
        200);
    String body =
        JsonNodeFactory.instance
            .objectNode()
            .put("trace_id", traceId)
            .put("artifact_id", artifactId)
            .toString();
    status(
        s.http()
            .call("POST", "/v1/artifacts/signed-url")
            .key(t.developer())
            .header("Content-Type", "application/json")
            .header("User-Agent", URL + " " + nonce)
            .json(body)
            .send(),
        200);
    String keyBody =
        JsonNodeFactory.instance
            .objectNode()
            .put("tenant_id", t.tenantId())
            .put("role", "viewer")
            .put("name", "audited")
            .toString();
    JsonNode created =
        status(
                s.http()
                    .call("POST", "/v1/admin/api-keys")
                    .key(t.admin())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", KEY_CREATED + " " + nonce)
                    .json(keyBody)
                    .send(),
                201)
            .json();
    String keyId = created.path("key_id").asText();
    status(
        s.http()
            .call("DELETE", "/v1/admin/api-keys/" + keyId)
            .key(t.admin())
            .header("User-Agent", KEY_REVOKED + " " + nonce)
            .send(),
        204);
    String refused = Call.USER_AGENT + " refused " + nonce;
    status(
        s.http()
            .call("GET", "/v1/traces/" + Items.id())
            .key(t.developer())
            .header("User-Agent", refused)
            .send(),
        404);
    status(
        s.http().call("GET", "/v1/audit").key(t.developer()).header("User-Agent", refused).send(),
        403);
    status(
        s.http()
            .call("GET", "/v1/traces")
            .key("ovpo_" + Session.random(12) + "_" + "R".repeat(40))
            .header("User-Agent", refused)
            .send(),
        401);

    List<JsonNode> all = readTrail(s, t.admin());
    Map<String, JsonNode> byAgent = new HashMap<>();
    for (JsonNode r : all) {
      String agent = r.path("user_agent").asText("");
      if (agent.endsWith(" " + nonce)) {
        byAgent.putIfAbsent(
            agent.substring(0, agent.length() - nonce.length() - 1)
                + "/"
                + r.path("action").asText(),
            r);
      }
    }
    return new Scenario(t, traceId, artifactId, tagValue, keyId, refused, byAgent, all);
  }

  /** Every record of the caller's trail, newest first. */
  static List<JsonNode> readTrail(Session s, String key) {
    List<JsonNode> out = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 100; page++) {
      String path =
          "/v1/audit?limit=200" + (cursor == null ? "" : "&cursor=" + PaginationChecks.enc(cursor));
      JsonNode body = status(s.http().get(path, key), 200).json();
      body.path("data").forEach(out::add);
      if (!body.path("has_more").asBoolean()) {
        return out;
      }
      cursor = body.path("next_cursor").asText();
    }
    throw new CheckFailure("more than 100 pages of audit records");
  }

  static void operationsRecorded(Session s) {
    Scenario sc = scenario(s);
    List<String[]> expected =
        List.of(
            new String[] {ACCESS, "TRACE_ACCESS"},
            new String[] {QUERY, "TRACE_QUERY"},
            new String[] {URL, "ARTIFACT_DOWNLOAD"},
            new String[] {KEY_CREATED, "API_KEY_CREATED"},
            new String[] {KEY_REVOKED, "API_KEY_REVOKED"});
    for (String[] e : expected) {
      JsonNode r = sc.record(e[0], e[1]);
      equal(r.path("tenant_id").asText(), sc.tenant().tenantId(), e[1] + " tenant_id");
      that(
          TIMESTAMP.matcher(r.path("timestamp").asText()).matches(),
          "%s timestamp format: %s",
          e[1],
          r.path("timestamp"));
      that(
          r.path("actor_ip").isTextual() && !r.path("actor_ip").asText().isEmpty(),
          "%s actor_ip must be the client address: %s",
          e[1],
          r.path("actor_ip"));
      that(r.path("details").isObject(), "%s details must be an object", e[1]);
    }
  }

  static void resourceForms(Session s) {
    Scenario sc = scenario(s);
    List<String> problems = new ArrayList<>();
    expectResource(problems, sc.record(ACCESS, "TRACE_ACCESS"), "trace:" + sc.traceId());
    expectResource(problems, sc.record(QUERY, "TRACE_QUERY"), "traces");
    expectResource(
        problems,
        sc.record(URL, "ARTIFACT_DOWNLOAD"),
        "artifact:" + sc.traceId() + "/" + sc.artifactId());
    expectResource(
        problems, sc.record(KEY_CREATED, "API_KEY_CREATED"), "api_key:" + sc.createdKeyId());
    expectResource(
        problems, sc.record(KEY_REVOKED, "API_KEY_REVOKED"), "api_key:" + sc.createdKeyId());
    JsonNode created =
        sc.all().stream()
            .filter(r -> r.path("action").asText().equals("CONFIG_CHANGE"))
            .min(Comparator.comparingLong(r -> r.path("sequence").asLong()))
            .orElseThrow(
                () -> new CheckFailure("no CONFIG_CHANGE record of the tenant's creation"));
    expectResource(problems, created, "tenant:" + sc.tenant().tenantId());
    that(problems.isEmpty(), "%s", String.join("; ", problems));
  }

  private static void expectResource(List<String> problems, JsonNode r, String expected) {
    if (!expected.equals(r.path("resource").asText(null))) {
      problems.add(
          r.path("action").asText()
              + " resource is "
              + r.path("resource")
              + ", expected "
              + expected);
    }
  }

  static void actorId(Session s) {
    Scenario sc = scenario(s);
    equal(
        sc.record(ACCESS, "TRACE_ACCESS").path("actor_id").asText(),
        "key:" + sc.tenant().developerKeyId(),
        "actor_id of a developer's trace access");
    equal(
        sc.record(KEY_CREATED, "API_KEY_CREATED").path("actor_id").asText(),
        "key:" + sc.tenant().adminKeyId(),
        "actor_id of an admin's key creation");
  }

  static void requiredDetails(Session s) {
    Scenario sc = scenario(s);
    List<String> problems = new ArrayList<>();
    requireDetails(problems, sc.record(ACCESS, "TRACE_ACCESS"), List.of("events_page"));
    requireDetails(problems, sc.record(QUERY, "TRACE_QUERY"), List.of("limit", "result_count"));
    requireDetails(problems, sc.record(URL, "ARTIFACT_DOWNLOAD"), List.of("expires_at"));
    requireDetails(
        problems, sc.record(KEY_CREATED, "API_KEY_CREATED"), List.of("role", "name", "expires_at"));
    requireDetails(problems, sc.record(KEY_REVOKED, "API_KEY_REVOKED"), List.of("role", "name"));
    JsonNode access = sc.record(ACCESS, "TRACE_ACCESS").path("details");
    if (access.has("events_page") && !access.path("events_page").asText().equals("first")) {
      problems.add("TRACE_ACCESS events_page of a first page is " + access.path("events_page"));
    }
    that(problems.isEmpty(), "%s", String.join("; ", problems));
  }

  private static void requireDetails(List<String> problems, JsonNode r, List<String> members) {
    JsonNode details = r.path("details");
    for (String m : members) {
      if (!details.has(m)) {
        problems.add(r.path("action").asText() + " details lack '" + m + "' (has " + details + ")");
      }
    }
    details
        .properties()
        .forEach(
            e -> {
              if (!e.getValue().isTextual() || e.getValue().asText().length() > 1024) {
                problems.add(
                    r.path("action").asText()
                        + " details."
                        + e.getKey()
                        + " must be a string <= 1024");
              }
            });
  }

  static void noTagValues(Session s) {
    Scenario sc = scenario(s);
    for (JsonNode r : sc.all()) {
      if (r.path("details").toString().contains(sc.tagValue())) {
        throw new CheckFailure(
            r.path("action").asText()
                + " record "
                + r.path("sequence")
                + " carries the tag value in its details: "
                + r.path("details"));
      }
    }
  }

  static void refusedNotRecorded(Session s) {
    Scenario sc = scenario(s);
    for (JsonNode r : sc.all()) {
      if (sc.refusedAgent().equals(r.path("user_agent").asText())) {
        throw new CheckFailure("a refused request was audited: " + r);
      }
    }
  }

  static void chainIntact(Session s) {
    Scenario sc = scenario(s);
    List<JsonNode> ascending = new ArrayList<>(readTrail(s, sc.tenant().admin()));
    ascending.sort(Comparator.comparingLong(r -> r.path("sequence").asLong()));
    that(!ascending.isEmpty(), "the tenant's trail is empty");
    for (JsonNode r : ascending) {
      equal(
          r.path("tenant_id").asText(),
          sc.tenant().tenantId(),
          "tenant_id of record " + r.path("sequence"));
    }
    equal(ascending.get(0).path("sequence").asLong(), 1L, "the first sequence of a new tenant");
    Optional<String> broken = AuditChain.verify(ascending);
    that(broken.isEmpty(), "client-side verification: %s", broken.orElse(""));
    JsonNode verify = status(s.http().get("/v1/audit/verify", sc.tenant().admin()), 200).json();
    equal(verify.path("intact").asBoolean(false), true, "intact: " + verify);
    that(
        verify.has("first_broken_sequence") && verify.path("first_broken_sequence").isNull(),
        "first_broken_sequence must be null: %s",
        verify);
    that(
        verify.path("records_checked").asLong() >= ascending.size(),
        "records_checked %s < %d records read",
        verify.path("records_checked"),
        ascending.size());
  }

  static void listPaged(Session s) {
    Scenario sc = scenario(s);
    String admin = sc.tenant().admin();
    List<Long> sequences = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 3; page++) {
      String path =
          "/v1/audit?limit=3" + (cursor == null ? "" : "&cursor=" + PaginationChecks.enc(cursor));
      JsonNode body = status(s.http().get(path, admin), 200).json();
      body.path("data").forEach(r -> sequences.add(r.path("sequence").asLong()));
      if (!body.path("has_more").asBoolean()) {
        break;
      }
      cursor = body.path("next_cursor").asText();
    }
    for (int i = 1; i < sequences.size(); i++) {
      equal(
          sequences.get(i),
          sequences.get(i - 1) - 1,
          "sequences newest first without gaps " + sequences);
    }
    JsonNode filtered =
        status(s.http().get("/v1/audit?action=API_KEY_CREATED&limit=200", admin), 200).json();
    that(
        filtered.path("data").size() >= 3,
        "the tenant's key creations: %s",
        filtered.path("data").size());
    filtered
        .path("data")
        .forEach(r -> equal(r.path("action").asText(), "API_KEY_CREATED", "filtered action"));
    for (String q : List.of("action=NOPE", "limit=0", "limit=201", "offset=1")) {
      error(s.http().get("/v1/audit?" + q, admin), 400, "INVALID_PARAMETER");
    }
    Reply traceCursor = s.http().get("/v1/traces?limit=1", sc.tenant().developer());
    String other = status(traceCursor, 200).json().path("next_cursor").asText("");
    if (!other.isEmpty()) {
      error(
          s.http().get("/v1/audit?cursor=" + PaginationChecks.enc(other), admin),
          400,
          "INVALID_CURSOR");
    }
  }
}
