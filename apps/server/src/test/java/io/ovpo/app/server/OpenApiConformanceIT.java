package io.ovpo.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.common.config.OvpoConfig;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * spec/v0.08/openapi.yaml against the running all-in-one server (in this JVM, wired by {@link
 * ServerComponent} exactly as {@code ServerMain} wires it, on a free port): every documented
 * operation is routed and answers a well-formed authenticated request with a documented success
 * code; the server has no route the document lacks (apart from the collector's 405 guards); and the
 * status codes of representative refused requests are documented for their operation. The data
 * comes from the demo pipeline, sent over HTTP.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiConformanceIT {
  static final String ROOT_KEY = "ovpo_conformance1_C0nformanceC0nformanceC0nformance00";
  static final String ROOT_TENANT = "conformance";

  private OvpoServer server;
  private Http http;
  private OpenApiDocument doc;
  private JsonNode trace;
  private JsonNode artifact;

  @BeforeAll
  void startServerWithDemoData() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("OVPO_PORT", "0");
    env.put("OVPO_BIND_HOST", "127.0.0.1");
    env.put("OVPO_BOOTSTRAP_API_KEY", ROOT_KEY);
    env.put("OVPO_BOOTSTRAP_TENANT", ROOT_TENANT);
    env.put("OVPO_QUERY_RATE", "100000/60s");
    server = ServerComponent.create(OvpoConfig.load(env)).server();
    assertThat(server.bootstrap()).isEmpty();
    server.start();
    http = new Http(server.localUrl());
    doc = OpenApiDocument.load();
    DemoRunner.run(http.baseUrl(), ROOT_KEY, Clock.systemUTC());
    List<JsonNode> traces = DemoTraces.awaitSettled(http, ROOT_KEY, 30_000);
    assertThat(traces).hasSize(DemoTraces.COUNT);
    trace =
        traces.stream()
            .filter(t -> t.path("status").asText().equals("COMPLETED"))
            .findFirst()
            .orElseThrow();
    artifact = detail(trace.path("trace_id").asText()).path("artifacts").path(0);
    assertThat(artifact.path("artifact_id").asText()).isNotEmpty();
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void everyDocumentedOperation_isRoutedAndAnswersADocumentedSuccess() {
    Map<Route, Probe> probes = probes();
    for (OpenApiDocument.Operation op : doc.operations()) {
      Probe probe = probes.get(op.route());
      assertThat(probe).as("a probe for " + op.route()).isNotNull();
      Http.Reply reply = probe.call().get();
      assertThat(reply.status()).as(op.route() + " → " + reply).isEqualTo(probe.expected());
      assertThat(op.statuses()).as("documented statuses of " + op.route()).contains(reply.status());
    }
    Set<Route> documented = new TreeSet<>();
    doc.operations().forEach(op -> documented.add(op.route()));
    assertThat(probes.keySet()).as("probes of undocumented operations").isSubsetOf(documented);
  }

  @Test
  void server_hasNoRouteTheDocumentLacks() {
    Set<Route> documented = new TreeSet<>();
    doc.operations().forEach(op -> documented.add(op.route()));
    Set<Route> registered = new TreeSet<>(server.routes());
    assertThat(registered).containsAll(documented);
    for (Route extra : registered) {
      if (documented.contains(extra)) {
        continue;
      }
      // Only a method guard may be undocumented: a route that does nothing but answer 405.
      Http.Reply r = http.send(extra.method(), extra.template(), ROOT_KEY, null, Map.of());
      assertThat(r.status()).as("undocumented route " + extra + " → " + r).isEqualTo(405);
    }
  }

  @Test
  void refusedRequests_answerStatusesTheDocumentLists() {
    String viewer = newKey("viewer");
    String traceId = trace.path("trace_id").asText();
    String etag = http.get("/v1/traces/" + traceId, ROOT_KEY).header("ETag").orElseThrow();
    Map<String, Map.Entry<Route, Http.Reply>> cases = new LinkedHashMap<>();
    cases.put("no key", answer("GET", "/v1/traces", http.get("/v1/traces", null)));
    cases.put(
        "limit over 200", answer("GET", "/v1/traces", http.get("/v1/traces?limit=201", ROOT_KEY)));
    cases.put("offset", answer("GET", "/v1/traces", http.get("/v1/traces?offset=2", ROOT_KEY)));
    cases.put(
        "unknown trace",
        answer(
            "GET", "/v1/traces/{trace_id}", http.get("/v1/traces/" + UUID.randomUUID(), ROOT_KEY)));
    cases.put(
        "not modified",
        answer(
            "GET",
            "/v1/traces/{trace_id}",
            http.send(
                "GET", "/v1/traces/" + traceId, ROOT_KEY, null, Map.of("If-None-Match", etag))));
    cases.put(
        "viewer ingests", answer("POST", "/v1/ingest/batch", http.ingest(viewer, firstBatch())));
    cases.put(
        "no schema version",
        answer("POST", "/v1/ingest/batch", http.post("/v1/ingest/batch", ROOT_KEY, firstBatch())));
    cases.put(
        "text body",
        answer(
            "POST",
            "/v1/ingest/batch",
            http.send(
                "POST",
                "/v1/ingest/batch",
                ROOT_KEY,
                firstBatch(),
                Map.of("Content-Type", "text/plain", "X-OVPO-Schema-Version", "0.08"))));
    cases.put(
        "existing tenant",
        answer(
            "POST",
            "/v1/admin/tenants",
            http.post("/v1/admin/tenants", ROOT_KEY, "{\"tenant_id\":\"" + ROOT_TENANT + "\"}")));
    cases.put(
        "viewer lists keys",
        answer("GET", "/v1/admin/api-keys", http.get("/v1/admin/api-keys", viewer)));
    Map<String, Integer> expected =
        Map.of(
            "no key", 401,
            "limit over 200", 400,
            "offset", 400,
            "unknown trace", 404,
            "not modified", 304,
            "viewer ingests", 403,
            "no schema version", 400,
            "text body", 415,
            "existing tenant", 409,
            "viewer lists keys", 403);
    Map<Route, Set<Integer>> statuses = new HashMap<>();
    doc.operations().forEach(op -> statuses.put(op.route(), op.statuses()));
    cases.forEach(
        (name, c) -> {
          int status = c.getValue().status();
          assertThat(status).as(name + " → " + c.getValue()).isEqualTo(expected.get(name));
          assertThat(statuses.get(c.getKey()))
              .as(name + ": documented for " + c.getKey())
              .contains(status);
          if (status >= 400) {
            assertThat(c.getValue().json().path("error").path("code").asText())
                .as(name)
                .isNotEmpty();
          }
        });
  }

  @Test
  void unknownPath_is404_andAnotherMethod_is405WithAllow() {
    Http.Reply unknown = http.get("/v1/nothing-here", ROOT_KEY);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("error").path("code").asText()).isEqualTo("NOT_FOUND");

    Http.Reply traces = http.send("DELETE", "/v1/traces", ROOT_KEY, null, Map.of());
    assertThat(traces.status()).isEqualTo(405);
    assertThat(traces.header("Allow")).contains("GET");

    Http.Reply ingest = http.get("/v1/ingest/batch", ROOT_KEY);
    assertThat(ingest.status()).isEqualTo(405);
    assertThat(ingest.header("Allow")).contains("POST");
    assertThat(ingest.header("X-RateLimit-Limit")).isPresent();
  }

  @Test
  void operationsDoc_namesEveryExportedMetric() throws Exception {
    String operations = GeneratedDoc.read("docs/operations.md");
    Matcher m =
        Pattern.compile("(?m)^# TYPE (ovpo_[a-z0-9_]+) ")
            .matcher(http.get("/metrics", null).text());
    List<String> missing = new ArrayList<>();
    while (m.find()) {
      // Prometheus naming adds _total to counters and a _max gauge to every histogram.
      String name = m.group(1).replaceAll("_(total|max)$", "");
      if (!operations.contains("`" + name)) {
        missing.add(m.group(1));
      }
    }
    assertThat(missing).as("metrics missing from docs/operations.md").isEmpty();
  }

  private Map<Route, Probe> probes() {
    String traceId = trace.path("trace_id").asText();
    String tenant = "conformance-" + Long.toString(System.nanoTime(), 36);
    Map<Route, Probe> p = new LinkedHashMap<>();
    probe(p, "POST", "/v1/ingest/batch", 202, () -> http.ingest(ROOT_KEY, firstBatch()));
    probe(p, "GET", "/v1/traces", 200, () -> http.get("/v1/traces?limit=2", ROOT_KEY));
    probe(
        p, "GET", "/v1/traces/{trace_id}", 200, () -> http.get("/v1/traces/" + traceId, ROOT_KEY));
    probe(
        p,
        "GET",
        "/v1/analytics/bottlenecks",
        200,
        () -> http.get("/v1/analytics/bottlenecks", ROOT_KEY));
    probe(
        p,
        "GET",
        "/v1/analytics/costs/calculate",
        200,
        () -> http.get("/v1/analytics/costs/calculate?trace_ids=" + traceId, ROOT_KEY));
    probe(
        p,
        "GET",
        "/v1/analytics/timeseries",
        200,
        () -> http.get("/v1/analytics/timeseries?metric=throughput", ROOT_KEY));
    probe(
        p,
        "GET",
        "/v1/analytics/frames/timeseries",
        200,
        () -> http.get("/v1/analytics/frames/timeseries?metric=clip_similarity", ROOT_KEY));
    probe(
        p,
        "GET",
        "/v1/traces/{trace_id}/frames/timeline",
        200,
        () -> http.get("/v1/traces/" + traceId + "/frames/timeline", ROOT_KEY));
    probe(p, "POST", "/v1/artifacts/signed-url", 200, () -> signedUrl(traceId));
    probe(p, "GET", "/v1/artifacts/download", 403, () -> http.get(tamperedLink(traceId), null));
    probe(
        p,
        "POST",
        "/v1/admin/tenants",
        201,
        () -> http.post("/v1/admin/tenants", ROOT_KEY, "{\"tenant_id\":\"" + tenant + "\"}"));
    probe(p, "GET", "/v1/admin/tenants", 200, () -> http.get("/v1/admin/tenants", ROOT_KEY));
    probe(
        p,
        "GET",
        "/v1/admin/tenants/{tenant_id}",
        200,
        () -> http.get("/v1/admin/tenants/" + ROOT_TENANT, ROOT_KEY));
    probe(p, "PUT", "/v1/admin/tenants/{tenant_id}/config", 200, this::putSameConfig);
    probe(
        p,
        "GET",
        "/v1/admin/tenants/{tenant_id}/api-keys",
        200,
        () -> http.get("/v1/admin/tenants/" + ROOT_TENANT + "/api-keys", ROOT_KEY));
    probe(p, "POST", "/v1/admin/api-keys", 201, () -> createKey("viewer"));
    probe(p, "GET", "/v1/admin/api-keys", 200, () -> http.get("/v1/admin/api-keys", ROOT_KEY));
    probe(
        p,
        "DELETE",
        "/v1/admin/api-keys/{key_id}",
        204,
        () -> {
          String keyId = createKey("viewer").json().path("key_id").asText();
          return http.send("DELETE", "/v1/admin/api-keys/" + keyId, ROOT_KEY, null, Map.of());
        });
    probe(
        p,
        "PUT",
        "/v1/admin/traces/{trace_id}/legal-hold",
        200,
        () ->
            http.send(
                "PUT",
                "/v1/admin/traces/" + traceId + "/legal-hold",
                ROOT_KEY,
                "{\"legal_hold\":false}",
                Map.of()));
    probe(
        p,
        "DELETE",
        "/v1/admin/tenants/{tenant_id}/users/{user_id_hash}",
        202,
        this::deleteUnknownUser);
    probe(
        p,
        "GET",
        "/v1/admin/deletions/{deletion_id}",
        200,
        () ->
            http.get(
                "/v1/admin/deletions/" + deleteUnknownUser().json().path("deletion_id").asText(),
                ROOT_KEY));
    probe(
        p,
        "POST",
        "/v1/admin/retention/run",
        200,
        () -> http.post("/v1/admin/retention/run", ROOT_KEY, "{}"));
    probe(p, "GET", "/v1/audit", 200, () -> http.get("/v1/audit?limit=5", ROOT_KEY));
    probe(p, "GET", "/v1/audit/verify", 200, () -> http.get("/v1/audit/verify", ROOT_KEY));
    probe(p, "GET", "/health", 200, () -> http.get("/health", null));
    probe(p, "GET", "/ready", 200, () -> http.get("/ready", null));
    probe(p, "GET", "/metrics", 200, () -> http.get("/metrics", null));
    return p;
  }

  /** A user deletion that finds nothing, so the demo data stays. */
  private Http.Reply deleteUnknownUser() {
    return http.send(
        "DELETE",
        "/v1/admin/tenants/" + ROOT_TENANT + "/users/" + "0".repeat(64),
        ROOT_KEY,
        null,
        Map.of());
  }

  private Http.Reply signedUrl(String traceId) {
    return http.post(
        "/v1/artifacts/signed-url",
        ROOT_KEY,
        "{\"trace_id\":\""
            + traceId
            + "\",\"artifact_id\":\""
            + artifact.path("artifact_id").asText()
            + "\"}");
  }

  /** The path and query of a fresh signed link, with its last character changed. */
  private String tamperedLink(String traceId) {
    Http.Reply r = signedUrl(traceId);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    String url = r.json().path("url").asText();
    String pathAndQuery = url.substring(url.indexOf("/v1/"));
    char last = pathAndQuery.charAt(pathAndQuery.length() - 1);
    return pathAndQuery.substring(0, pathAndQuery.length() - 1) + (last == 'A' ? 'B' : 'A');
  }

  private Http.Reply putSameConfig() {
    JsonNode tenant = http.get("/v1/admin/tenants/" + ROOT_TENANT, ROOT_KEY).json();
    return http.send(
        "PUT",
        "/v1/admin/tenants/" + ROOT_TENANT + "/config",
        ROOT_KEY,
        tenant.path("config").toString(),
        Map.of());
  }

  private Http.Reply createKey(String role) {
    ObjectNode body = Http.JSON.createObjectNode();
    body.put("tenant_id", ROOT_TENANT);
    body.put("role", role);
    body.put("name", "conformance");
    return http.post("/v1/admin/api-keys", ROOT_KEY, body.toString());
  }

  private String newKey(String role) {
    Http.Reply r = createKey(role);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("api_key").asText();
  }

  private JsonNode detail(String traceId) {
    Http.Reply r = http.get("/v1/traces/" + traceId, ROOT_KEY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static String firstBatch() {
    return StartupText.firstBatch(UUID.randomUUID(), Instant.now());
  }

  private static Map.Entry<Route, Http.Reply> answer(String method, String template, Http.Reply r) {
    return Map.entry(new Route(method, template), r);
  }

  private static void probe(
      Map<Route, Probe> probes,
      String method,
      String template,
      int expected,
      Supplier<Http.Reply> call) {
    probes.put(new Route(method, template), new Probe(expected, call));
  }

  /** A well-formed, authenticated request for one operation and the status it must get. */
  private record Probe(int expected, Supplier<Http.Reply> call) {}
}
