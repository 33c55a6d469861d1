package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.http.Reply;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** /health, /ready and /metrics (spec 05 §9). */
public final class OperationalChecks {
  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{.*\\})?\\s+\\S+");
  private static final Pattern UUID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private OperationalChecks() {}

  public static List<Check> all() {
    return List.of(
        new Check(
            "ops.health-and-ready",
            "ops",
            "05 §9.1-9.2",
            "/health is 200 {\"status\": \"UP\"} and /ready reports every check, without a key",
            OperationalChecks::healthAndReady),
        new Check(
            "ops.metrics-format",
            "ops",
            "05 §9.3",
            "/metrics is Prometheus text 0.0.4; every name starts with ovpo_; no label carries an"
                + " id",
            OperationalChecks::metricsFormat),
        new Check(
            "ops.metrics-required-names",
            "ops",
            "05 §9.3",
            "/metrics exports the metrics every role must: ovpo_http_requests_total{route,method,"
                + "status} and ovpo_http_request_duration_seconds{route,method}",
            OperationalChecks::metricsNames));
  }

  static void healthAndReady(Session s) {
    Reply health = status(s.http().get("/health", null), 200);
    equal(health.json().path("status").asText(), "UP", "/health status");
    Reply ready = s.http().get("/ready", null);
    that(ready.status() == 200 || ready.status() == 503, "/ready must be 200 or 503: %s", ready);
    JsonNode body = ready.json();
    String overall = body.path("status").asText();
    equal(overall, ready.status() == 200 ? "UP" : "DOWN", "/ready status vs HTTP status");
    that(
        body.path("checks").isObject() && body.path("checks").size() >= 1,
        "/ready checks: %s",
        body);
    body.path("checks")
        .properties()
        .forEach(
            e -> {
              String st = e.getValue().path("status").asText();
              that(
                  st.equals("UP") || st.equals("DOWN"),
                  "/ready check %s status %s",
                  e.getKey(),
                  st);
            });
  }

  static void metricsNames(Session s) {
    String text = status(s.http().get("/metrics", null), 200).text();
    List<String> missing = new java.util.ArrayList<>();
    for (String[] m :
        List.of(
            new String[] {"ovpo_http_requests_total{", "route=", "method=", "status="},
            new String[] {"ovpo_http_request_duration_seconds_bucket{", "route=", "method="})) {
      boolean found = false;
      for (String line : text.split("\n")) {
        if (line.startsWith(m[0])
            && java.util.Arrays.stream(m, 1, m.length).allMatch(line::contains)) {
          found = true;
          break;
        }
      }
      if (!found) {
        missing.add(m[0] + String.join(",", java.util.Arrays.copyOfRange(m, 1, m.length)) + "...}");
      }
    }
    that(missing.isEmpty(), "missing metrics: %s", missing);
  }

  static void metricsFormat(Session s) {
    Reply r = status(s.http().get("/metrics", null), 200);
    String type = r.header("Content-Type").orElse("");
    that(
        type.startsWith("text/plain") && type.contains("version=0.0.4"),
        "Content-Type must be text/plain; version=0.0.4, got %s",
        type);
    String text = r.text();
    for (String line : text.split("\n")) {
      if (line.isBlank() || line.startsWith("#")) {
        continue;
      }
      Matcher m = SAMPLE.matcher(line);
      if (!m.find()) {
        throw new CheckFailure("not a Prometheus sample line: " + line);
      }
      if (!m.group(1).startsWith("ovpo_")) {
        throw new CheckFailure("metric name without the ovpo_ prefix: " + m.group(1));
      }
      if (m.group(2) != null && UUID.matcher(m.group(2)).find()) {
        throw new CheckFailure("a label carries an id: " + line);
      }
    }
  }
}
