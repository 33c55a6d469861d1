package io.ovpo.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The newcomer's path, end to end: the real {@code ovpo-server.jar} as a subprocess with {@code
 * OVPO_DEMO=true}, then everything checked through the public API only — the demo's six traces and
 * their statuses (COMPLETED, FAILED with OOM and TIMEOUT, PARTIAL with the missing frames), frame
 * counts, summaries, compute units with their pricing profile, cursor pagination, and tenant
 * isolation for a second tenant created through the admin API. Ends with a graceful SIGTERM.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ServerEndToEndIT {
  static final String KEY = "ovpo_endtoend01_EndToEndEndToEndEndToEndEndToEnd0001";
  static final String KEY_SECRET = KEY.substring(KEY.lastIndexOf('_') + 1);

  private ServerProcess server;
  private Http http;
  private Map<String, JsonNode> byScenario;
  private List<JsonNode> traces;

  @BeforeAll
  void startTheJarWithTheDemo() throws Exception {
    Path jar = Path.of(System.getProperty("ovpo.server.jar", "target/ovpo-server.jar"));
    assertThat(jar).as("run `mvn package` first: the test starts the shaded jar").exists();
    Map<String, String> env = new HashMap<>();
    env.put("OVPO_BOOTSTRAP_API_KEY", KEY);
    env.put("OVPO_DEMO", "true");
    env.put("OVPO_QUERY_RATE", "100000/60s");
    env.put("OVPO_LOG_FORMAT", "text");
    server = ServerProcess.start(jar, env);
    http = new Http("http://127.0.0.1:" + server.port());
    awaitReady(Duration.ofSeconds(60));
    traces = DemoTraces.awaitSettled(http, KEY, 30_000);
    byScenario = new HashMap<>();
    for (JsonNode t : traces) {
      byScenario.merge(project(t), t, (a, b) -> a);
    }
  }

  @AfterAll
  void killTheServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  @Order(1)
  void startUp_printsTheUrlsAndCommandsButNeverTheKey() throws Exception {
    String out = server.output();
    assertThat(out)
        .contains("OVPO is ready at http://localhost:" + server.port())
        .contains("Send a first batch:")
        .contains("/v1/traces")
        .contains("OVPO_BOOTSTRAP_API_KEY=ovpo_endtoend01_****")
        .doesNotContain(KEY_SECRET);
  }

  @Test
  @Order(2)
  void demo_leavesSixSettledTracesWithTheirStatuses() {
    assertThat(traces).hasSize(DemoTraces.COUNT);
    Map<String, List<String>> statuses =
        traces.stream()
            .collect(
                Collectors.groupingBy(
                    ServerEndToEndIT::project,
                    Collectors.mapping(t -> t.path("status").asText(), Collectors.toList())));
    assertThat(statuses)
        .containsEntry("demo-ok", List.of("COMPLETED", "COMPLETED", "COMPLETED"))
        .containsEntry("demo-oom", List.of("FAILED"))
        .containsEntry("demo-timeout", List.of("FAILED"))
        .containsEntry("demo-missing_frames", List.of("PARTIAL"));
    assertThat(byScenario.get("demo-oom").path("failure").path("code").asText()).isEqualTo("OOM");
    assertThat(byScenario.get("demo-timeout").path("failure").path("code").asText())
        .isEqualTo("TIMEOUT");
    assertThat(byScenario.get("demo-missing_frames").path("reported_status").asText())
        .isEqualTo("COMPLETED");
  }

  @Test
  @Order(3)
  void completedTraces_haveEveryFrameAndAFullSummary() {
    for (JsonNode t : traces) {
      if (!project(t).equals("demo-ok")) {
        continue;
      }
      JsonNode d = detail(t);
      JsonNode s = d.path("summary");
      assertThat(s.path("frame_count").asInt()).isEqualTo(numFrames(t));
      assertThat(s.path("completeness").path("reasons")).isEmpty();
      assertThat(s.path("completeness").path("missing_frames")).isEmpty();
      assertThat(s.path("total_duration_ms").asLong()).isPositive();
      assertThat(s.path("span_breakdown_pct").has("SAMPLING")).isTrue();
      assertThat(s.path("peak_vram_mb").asDouble()).isPositive();
      assertThat(s.path("avg_gpu_utilization_pct").asDouble()).isBetween(0.0, 100.0);
      assertThat(d.path("spans")).hasSize(5);
      assertThat(d.path("artifacts")).isNotEmpty();
      assertThat(d.path("frame_events").size()).isEqualTo(s.path("event_count").asInt());
    }
  }

  @Test
  @Order(4)
  void failedTraces_keepTheirFailureAndTheFramesTheyReported() {
    JsonNode oom = detail(byScenario.get("demo-oom"));
    assertThat(oom.path("summary").path("frame_count").asInt()).isZero();
    String samplingSpan = spanIdOf(oom, "SAMPLING");
    assertThat(oom.path("trace").path("failure").path("span_id").asText()).isEqualTo(samplingSpan);

    JsonNode timeout = detail(byScenario.get("demo-timeout"));
    int frames = timeout.path("summary").path("frame_count").asInt();
    assertThat(frames).isPositive().isLessThan(numFrames(byScenario.get("demo-timeout")));
  }

  @Test
  @Order(5)
  void droppedFrames_makeTheTracePartialWithTheMissingRange() {
    JsonNode t = byScenario.get("demo-missing_frames");
    JsonNode c = detail(t).path("summary").path("completeness");
    assertThat(detail(t).path("summary").path("frame_count").asInt()).isEqualTo(numFrames(t) - 3);
    List<String> codes = new ArrayList<>();
    c.path("reasons").forEach(r -> codes.add(r.path("code").asText()));
    assertThat(codes).contains("MISSING_FRAMES");
    assertThat(c.path("missing_frames")).hasSize(1);
    JsonNode range = c.path("missing_frames").get(0);
    assertThat(range.path("last").asInt() - range.path("first").asInt() + 1).isEqualTo(3);
  }

  @Test
  @Order(6)
  void everyTrace_hasComputeUnitsWithThePricingProfile() {
    for (JsonNode t : traces) {
      JsonNode s = detail(t).path("summary");
      assertThat(s.path("compute_units").asDouble()).as(project(t)).isPositive();
      assertThat(s.path("compute_units_by_span_kind").has("SAMPLING")).as(project(t)).isTrue();
      assertThat(s.path("pricing_profile").path("name").asText()).isNotBlank();
      assertThat(s.path("pricing_profile").path("version").asText()).isNotBlank();
    }
    String ids = traces.stream().map(ServerEndToEndIT::id).collect(Collectors.joining(","));
    Http.Reply costs = http.get("/v1/analytics/costs/calculate?trace_ids=" + ids, KEY);
    assertThat(costs.status()).as(costs.toString()).isEqualTo(200);
    assertThat(costs.json().path("data")).hasSize(DemoTraces.COUNT);
    assertThat(costs.json().path("total_compute_units").asDouble()).isPositive();
    assertThat(costs.json().path("pricing_profile").path("name").asText()).isNotBlank();
  }

  @Test
  @Order(7)
  void pagesOfTwo_walkEveryTraceOnceNewestFirst() {
    Set<String> seen = new LinkedHashSet<>();
    List<Instant> created = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 10; page++) {
      Http.Reply r =
          http.get("/v1/traces?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), KEY);
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode body = r.json();
      assertThat(body.path("data").size()).isBetween(1, 2);
      for (JsonNode t : body.path("data")) {
        assertThat(seen.add(id(t))).as("duplicate " + id(t)).isTrue();
        created.add(Instant.parse(t.path("created_at").asText()));
      }
      if (!body.path("has_more").asBoolean()) {
        assertThat(body.path("next_cursor").isNull()).isTrue();
        assertThat(seen).containsExactlyInAnyOrderElementsOf(ids(traces));
        assertThat(created).isSortedAccordingTo((a, b) -> b.compareTo(a));
        return;
      }
      cursor = body.path("next_cursor").asText();
    }
    fail("more than 10 pages of 2 for 6 traces");
  }

  @Test
  @Order(8)
  void secondTenant_seesNoneOfTheDemoTraces() {
    Http.Reply tenant =
        http.post("/v1/admin/tenants", KEY, "{\"tenant_id\":\"e2e-second\",\"name\":\"Second\"}");
    assertThat(tenant.status()).as(tenant.toString()).isEqualTo(201);
    Http.Reply key =
        http.post(
            "/v1/admin/api-keys",
            KEY,
            "{\"tenant_id\":\"e2e-second\",\"role\":\"developer\",\"name\":\"e2e\"}");
    assertThat(key.status()).as(key.toString()).isEqualTo(201);
    String other = key.json().path("api_key").asText();

    Http.Reply list = http.get("/v1/traces", other);
    assertThat(list.status()).isEqualTo(200);
    assertThat(list.json().path("data")).isEmpty();
    for (JsonNode t : traces) {
      Http.Reply d = http.get("/v1/traces/" + id(t), other);
      assertThat(d.status()).isEqualTo(404);
      assertThat(d.json().path("error").path("code").asText()).isEqualTo("NOT_FOUND");
    }
    Http.Reply costs =
        http.get("/v1/analytics/costs/calculate?trace_ids=" + id(traces.get(0)), other);
    assertThat(costs.json().path("data")).isEmpty();
    assertThat(costs.json().path("not_found").get(0).asText()).isEqualTo(id(traces.get(0)));
  }

  @Test
  @Order(9)
  void operationalEndpoints_needNoKey() {
    assertThat(http.get("/health", null).status()).isEqualTo(200);
    assertThat(http.get("/ready", null).json().path("status").asText()).isEqualTo("UP");
    assertThat(http.get("/metrics", null).text()).contains("ovpo_");
  }

  @Test
  @Order(10)
  void badConfiguration_exitsWithStatus2AndListsEveryProblem() throws Exception {
    Path jar = Path.of(System.getProperty("ovpo.server.jar", "target/ovpo-server.jar"));
    try (ServerProcess bad =
        ServerProcess.start(jar, Map.of("OVPO_STORE", "mysql", "OVPO_PROCESSOR_WORKERS", "many"))) {
      assertThat(bad.awaitExit(Duration.ofSeconds(60))).hasValue(2);
      assertThat(bad.output())
          .contains("OVPO_STORE must be one of", "OVPO_PROCESSOR_WORKERS must be a whole number");
    }
  }

  @Test
  @Order(11)
  void sigterm_stopsTheServerGracefully() throws Exception {
    assertThat(server.stop(Duration.ofSeconds(30))).as("exited within 30 s of SIGTERM").isTrue();
    assertThat(server.output()).contains("ovpo server stopped");
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!server.isAlive()) {
        fail("the server exited during start-up:\n" + server.output());
      }
      try {
        if (http.get("/ready", null).status() == 200) {
          return;
        }
      } catch (RuntimeException notYetListening) {
        // connection refused until the server listens
      }
      Thread.sleep(200);
    }
    fail("not ready within " + timeout + ":\n" + server.output());
  }

  private JsonNode detail(JsonNode trace) {
    Http.Reply r = http.get("/v1/traces/" + id(trace), KEY);
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    return r.json();
  }

  private static String spanIdOf(JsonNode detail, String kind) {
    for (JsonNode s : detail.path("spans")) {
      if (s.path("span_kind").asText().equals(kind)) {
        return s.path("span_id").asText();
      }
    }
    return fail("no " + kind + " span");
  }

  private static String project(JsonNode trace) {
    return trace.path("tags").path("project").asText();
  }

  private static int numFrames(JsonNode trace) {
    return trace.path("pipeline_config").path("num_frames").asInt();
  }

  private static String id(JsonNode trace) {
    return trace.path("trace_id").asText();
  }

  private static List<String> ids(List<JsonNode> traces) {
    return traces.stream().map(ServerEndToEndIT::id).toList();
  }
}
