package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckSkipped;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Analytics (spec 05 §5-§6): compute units, nearest-rank percentiles, range limits. */
public final class AnalyticsChecks {
  private AnalyticsChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "query.compute-units-reference-example",
            "04 §8.1, §8.4, 05 §6.2",
            "The spec's worked example (2 x A100, LOAD 10 s, SAMPLING 60 s, DECODE 5 s,"
                + " OUTPUT_ENCODE 4 s) is 86.4 compute units, in the summary and the cost endpoint",
            AnalyticsChecks::computeUnitsExample),
        check(
            "query.bottleneck-percentiles-nearest-rank",
            "05 §5, §6.1",
            "Bottlenecks report count, mean and nearest-rank p95/p99 per span kind",
            AnalyticsChecks::bottlenecks),
        check(
            "query.analytics-range-limit",
            "05 §6",
            "An analytics range over 366 days, or from after to, is 400 INVALID_PARAMETER",
            AnalyticsChecks::analyticsRange));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "query", spec, title, body);
  }

  static void computeUnitsExample(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode trace = s.items().trace(traceId, "COMPLETED", t0);
    ((ObjectNode) trace.path("pipeline_config").path("hardware")).put("gpu_count", 2);
    Instant at = t0.plusSeconds(1);
    Batch b =
        Batch.of()
            .trace(trace)
            .span(Items.span(traceId, "LOAD", at, at.plusSeconds(10)))
            .span(Items.span(traceId, "SAMPLING", at.plusSeconds(10), at.plusSeconds(70)))
            .span(Items.span(traceId, "DECODE", at.plusSeconds(70), at.plusSeconds(75)))
            .span(Items.span(traceId, "OUTPUT_ENCODE", at.plusSeconds(75), at.plusSeconds(79)));
    s.ingestAll(b);
    JsonNode sum =
        s.awaitTrace(
                traceId,
                "compute units of 4 spans",
                d -> Details.reconciled(d) && d.path("spans").size() == 4)
            .path("summary");
    JsonNode profile = sum.path("pricing_profile");
    if (!"default".equals(profile.path("name").asText())
        || !"2026.11".equals(profile.path("version").asText())) {
      throw new CheckSkipped(
          "the key's tenant prices with " + profile + ", not the built-in default 2026.11");
    }
    QueryChecks.near(sum.path("compute_units").asDouble(), 86.4, "summary.compute_units");
    Map<String, Double> expected =
        Map.of("LOAD", 6.0, "SAMPLING", 72.0, "DECODE", 6.0, "OUTPUT_ENCODE", 2.4);
    expected.forEach(
        (k, v) ->
            QueryChecks.near(
                sum.path("compute_units_by_span_kind").path(k).asDouble(),
                v,
                "compute_units_by_span_kind." + k));
    String unknown = Items.id();
    JsonNode costs =
        status(
                s.http()
                    .get(
                        "/v1/analytics/costs/calculate?trace_ids="
                            + traceId
                            + ","
                            + unknown
                            + ","
                            + traceId,
                        s.apiKey()),
                200)
            .json();
    equal(costs.path("data").size(), 1, "costs data (repeated ids count once)");
    QueryChecks.near(
        costs.path("data").get(0).path("compute_units").asDouble(), 86.4, "costs compute_units");
    QueryChecks.near(costs.path("total_compute_units").asDouble(), 86.4, "total_compute_units");
    expected.forEach(
        (k, v) ->
            QueryChecks.near(
                costs.path("total_by_span_kind").path(k).asDouble(), v, "total_by_span_kind." + k));
    equal(
        costs.path("not_found").size() == 1
            && costs.path("not_found").get(0).asText().equals(unknown),
        true,
        "not_found lists the unknown id: " + costs.path("not_found"));
    equal(costs.path("pricing_profile").path("name").asText(), "default", "costs pricing_profile");
    that(!costs.toString().toLowerCase(java.util.Locale.ROOT).contains("currency"), "no currency");
    error(
        s.http().get("/v1/analytics/costs/calculate?trace_ids=nope", s.apiKey()),
        400,
        "INVALID_PARAMETER");
    error(s.http().get("/v1/analytics/costs/calculate", s.apiKey()), 400, "INVALID_PARAMETER");
  }

  static void bottlenecks(Session s) {
    String traceId = Items.id();
    String mark = Session.random(10);
    Instant t0 = Items.past();
    ObjectNode trace = s.items().trace(traceId, "COMPLETED", t0);
    ((ObjectNode) trace.path("tags")).put("compliance.case", mark);
    Batch b = Batch.of().trace(trace);
    for (int i = 1; i <= 20; i++) {
      Instant start = t0.plusSeconds(1).plusMillis(i);
      b.span(Items.span(traceId, "SAMPLING", start, start.plusSeconds(i)));
    }
    b.span(Items.span(traceId, "DECODE", t0.plusSeconds(2), t0.plusSeconds(2).plusMillis(500)));
    s.ingestAll(b);
    s.awaitTrace(traceId, "21 spans", d -> d.path("spans").size() == 21);
    String path =
        "/v1/analytics/bottlenecks?from="
            + PaginationChecks.enc(Items.ts(t0))
            + "&to="
            + PaginationChecks.enc(Items.ts(t0.plusSeconds(60)))
            + "&tag=compliance.case:"
            + mark;
    JsonNode body = status(s.http().get(path, s.apiKey()), 200).json();
    JsonNode data = body.path("data");
    equal(data.size(), 2, "entries (one per span kind): " + data);
    JsonNode sampling = data.get(0);
    equal(sampling.path("span_kind").asText(), "SAMPLING", "first entry (highest p95)");
    equal(sampling.path("count").asInt(), 20, "SAMPLING count");
    QueryChecks.near(sampling.path("avg_ms").asDouble(), 10_500, "SAMPLING avg_ms");
    equal(
        sampling.path("p95_ms").asLong(),
        19_000L,
        "SAMPLING p95_ms (nearest rank: the 19th of 20)");
    equal(sampling.path("p99_ms").asLong(), 20_000L, "SAMPLING p99_ms");
    equal(data.get(1).path("span_kind").asText(), "DECODE", "second entry");
    equal(data.get(1).path("p95_ms").asLong(), 500L, "DECODE p95_ms");
  }

  static void analyticsRange(Session s) {
    String from = PaginationChecks.enc("2024-01-01T00:00:00Z");
    String to = PaginationChecks.enc("2025-01-02T00:00:00Z");
    error(
        s.http().get("/v1/analytics/bottlenecks?from=" + from + "&to=" + to, s.apiKey()),
        400,
        "INVALID_PARAMETER");
    error(
        s.http().get("/v1/analytics/bottlenecks?from=" + to + "&to=" + from, s.apiKey()),
        400,
        "INVALID_PARAMETER");
    status(
        s.http()
            .get(
                "/v1/analytics/bottlenecks?from="
                    + PaginationChecks.enc("2024-06-01T00:00:00Z")
                    + "&to="
                    + to,
                s.apiKey()),
        200);
  }
}
