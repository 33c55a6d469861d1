package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.http.Reply;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/** The trace detail of the query API (spec 05 §4, §8): views, summary, ETags, errors. */
public final class QueryChecks {
  private static final Pattern TIMESTAMP =
      Pattern.compile("^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}\\.[0-9]{3}Z$");

  private static final double EPSILON = 1e-6;

  private QueryChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "query.trace-detail-views-and-summary",
            "05 §4, §4.1, §4.2",
            "The detail carries every view field and a summary computed over the whole trace",
            QueryChecks::detailViews),
        check(
            "query.summary-observed-fps",
            "05 §4.2",
            "observed_fps is (frame_count - 1) x 1000 / the span of media_time_ms of the counted"
                + " frames",
            QueryChecks::observedFps),
        check(
            "query.summary-breakdown-rounded",
            "05 §4.2",
            "span_breakdown_pct is rounded to 2 decimal places",
            QueryChecks::breakdownRounded),
        check(
            "query.artifact-view-names-its-manifest",
            "05 §4, §4.1",
            "Artifacts of the detail carry the manifest_id that listed them; an artifact listed"
                + " twice appears once",
            QueryChecks::artifactManifestId),
        check(
            "query.not-found-and-malformed-ids",
            "05 §1 rules 5-6",
            "Unknown traces and paths are 404 NOT_FOUND, malformed ids 400, wrong methods 405"
                + " with Allow",
            QueryChecks::notFound),
        check(
            "query.etag-and-not-modified",
            "05 §8",
            "The detail has a strong ETag of the body's SHA-256 and answers If-None-Match with 304",
            QueryChecks::etag),
        check(
            "query.rate-limit-headers",
            "05 §1 rule 3",
            "Query responses carry the X-RateLimit-* headers of the tenant's query bucket",
            QueryChecks::rateLimitHeaders));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "query", spec, title, body);
  }

  static void detailViews(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode trace = s.items().trace(traceId, "COMPLETED", t0);
    trace.put("expected_frames", 4);
    ObjectNode load = Items.span(traceId, "LOAD", t0.plusSeconds(1), t0.plusSeconds(4));
    ObjectNode sampling = Items.span(traceId, "SAMPLING", t0.plusSeconds(4), t0.plusSeconds(13));
    ObjectNode open = Items.span(traceId, "CUSTOM", t0.plusSeconds(2), null);
    Batch b = Batch.of().trace(trace).span(load).span(sampling).span(open);
    double[] vram = {1000, 4000, 3000, 2000};
    double[] util = {50, 70, 90, 30};
    for (int i = 0; i < 4; i++) {
      ObjectNode e = Items.generated(traceId, i, t0.plusSeconds(13));
      e.putObject("gpu").put("vram_used_mb", vram[i]).put("gpu_utilization_pct", util[i]);
      b.frame(e);
    }
    b.manifest(Items.manifest(traceId, Items.artifact("VIDEO", "s3://compliance/d.mp4")));
    s.ingestAll(b);
    JsonNode d =
        s.awaitTrace(
            traceId,
            "the complete trace, reconciled",
            x ->
                Details.reconciled(x)
                    && Details.eventCount(x) == 4
                    && x.path("artifacts").size() == 1);
    Reply raw = status(s.detail(s.apiKey(), traceId), 200);
    that(
        raw.header("Content-Type").orElse("").startsWith("application/json"),
        "Content-Type %s",
        raw.header("Content-Type"));
    for (String m :
        List.of(
            "trace",
            "spans",
            "frame_events",
            "artifacts",
            "summary",
            "events_has_more",
            "events_next_cursor")) {
      that(d.has(m), "detail lacks '%s'", m);
    }
    JsonNode t = d.path("trace");
    equal(t.path("status").asText(), "COMPLETED", "status");
    equal(t.path("reported_status").asText(), "COMPLETED", "reported_status");
    equal(
        t.path("legal_hold").isBoolean() && !t.path("legal_hold").asBoolean(),
        true,
        "legal_hold false");
    equal(t.path("duration_ms").asLong(-1), 59_000L, "duration_ms = ended_at - started_at");
    for (String ts : List.of("first_received_at", "updated_at")) {
      that(TIMESTAMP.matcher(t.path(ts).asText()).matches(), "trace %s format: %s", ts, t.path(ts));
    }
    JsonNode openView = Details.span(d, open.path("span_id").asText()).orElseThrow();
    equal(openView.path("status").asText(), "UNSET", "status of a span sent without one");
    that(
        openView.has("duration_ms") && openView.path("duration_ms").isNull(),
        "an open span's duration_ms is null: %s",
        openView);
    equal(
        Details.span(d, load.path("span_id").asText()).orElseThrow().path("duration_ms").asLong(),
        3000L,
        "LOAD duration_ms");
    d.path("frame_events")
        .forEach(
            e ->
                that(
                    TIMESTAMP.matcher(e.path("received_at").asText()).matches(),
                    "frame event received_at: %s",
                    e.path("received_at")));
    JsonNode sum = d.path("summary");
    equal(sum.path("total_duration_ms").asLong(-1), 59_000L, "total_duration_ms");
    JsonNode pct = sum.path("span_breakdown_pct");
    near(pct.path("LOAD").asDouble(), 25.0, "span_breakdown_pct.LOAD");
    near(pct.path("SAMPLING").asDouble(), 75.0, "span_breakdown_pct.SAMPLING");
    that(!pct.has("CUSTOM"), "kinds without ended spans are omitted: %s", pct);
    near(sum.path("peak_vram_mb").asDouble(), 4000, "peak_vram_mb");
    near(sum.path("avg_gpu_utilization_pct").asDouble(), 60, "avg_gpu_utilization_pct");
    equal(Details.frameCount(d), 4, "frame_count");
    equal(Details.eventCount(d), 4, "event_count");
    JsonNode c = sum.path("completeness");
    that(
        c.path("reasons").isArray()
            && c.path("reasons").isEmpty()
            && c.path("missing_frames").isEmpty()
            && c.path("truncated").isBoolean(),
        "completeness of a complete trace: %s",
        c);
    equal(sum.path("frame_events_expired").asBoolean(true), false, "frame_events_expired");
    that(
        sum.path("pricing_profile").path("name").isTextual()
            && sum.path("pricing_profile").path("version").isTextual(),
        "pricing_profile: %s",
        sum.path("pricing_profile"));
    that(
        sum.path("compute_units_by_span_kind").isObject(),
        "compute_units_by_span_kind: %s",
        sum.path("compute_units_by_span_kind"));
  }

  static void observedFps(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch b = Batch.of().trace(s.items().trace(traceId, "RUNNING", t0));
    for (int i = 0; i < 5; i++) {
      // media time at 24 fps (0, 41, ..., 166 ms), observed 100 ms apart: the media clock counts
      b.frame(
          Items.frame(
              traceId,
              "FRAME_GENERATED",
              i,
              i * 1000L / 24,
              t0.plusSeconds(2).plusMillis(100L * i)));
    }
    s.ingestAll(b);
    JsonNode d = s.awaitTrace(traceId, "5 frames", x -> Details.frameCount(x) == 5);
    near(d.path("summary").path("observed_fps").asDouble(), 4 * 1000.0 / 166, "observed_fps");
  }

  static void breakdownRounded(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    s.ingestAll(
        Batch.of()
            .trace(s.items().trace(traceId, "RUNNING", t0))
            .span(Items.span(traceId, "LOAD", t0.plusSeconds(1), t0.plusSeconds(2)))
            .span(Items.span(traceId, "SAMPLING", t0.plusSeconds(2), t0.plusSeconds(4))));
    JsonNode d = s.awaitTrace(traceId, "2 spans", x -> x.path("spans").size() == 2);
    JsonNode pct = d.path("summary").path("span_breakdown_pct");
    equal(pct.path("LOAD").asDouble(), 33.33, "span_breakdown_pct.LOAD (1 s of 3)");
    equal(pct.path("SAMPLING").asDouble(), 66.67, "span_breakdown_pct.SAMPLING (2 s of 3)");
  }

  static void artifactManifestId(Session s) {
    String traceId = Items.id();
    ObjectNode video = Items.artifact("VIDEO", "s3://compliance/m.mp4");
    ObjectNode first = Items.manifest(traceId, video);
    ObjectNode second =
        Items.manifest(traceId, video.deepCopy(), Items.artifact("LOG", "s3://compliance/m.log"));
    s.ingestAll(
        Batch.of().trace(s.items().trace(traceId, "COMPLETED", Items.past())).manifest(first));
    s.awaitTrace(traceId, "the first manifest", d -> d.path("artifacts").size() == 1);
    s.ingestAll(Batch.of().manifest(second));
    JsonNode d = s.awaitTrace(traceId, "both manifests", x -> x.path("artifacts").size() >= 2);
    equal(
        Details.ids(d.path("artifacts"), "artifact_id"),
        List.of(
            video.path("artifact_id").asText(),
            second.path("artifacts").get(1).path("artifact_id").asText()),
        "artifacts, each once, in order");
    equal(
        Details.ids(d.path("artifacts"), "manifest_id"),
        List.of(first.path("manifest_id").asText(), second.path("manifest_id").asText()),
        "manifest_id of each artifact");
  }

  static void notFound(Session s) {
    error(s.detail(s.apiKey(), Items.id()), 404, "NOT_FOUND");
    for (String bad :
        List.of(
            "not-a-uuid",
            Items.id().toUpperCase(java.util.Locale.ROOT),
            "3f2b8c1e-9a4d-1e2f-8b7a-1c2d3e4f5a6b")) {
      error(s.detail(s.apiKey(), bad), 400, "INVALID_PARAMETER");
    }
    error(s.http().get("/v1/no-such-endpoint", s.apiKey()), 404, "NOT_FOUND");
    Reply wrong = s.http().call("DELETE", "/v1/traces").key(s.apiKey()).send();
    error(wrong, 405, "METHOD_NOT_ALLOWED");
    that(
        wrong.header("Allow").orElse("").contains("GET"),
        "Allow must list GET: %s",
        wrong.header("Allow"));
  }

  static void etag(Session s) {
    String traceId = Items.id();
    TenancyChecks.storedTrace(s, s.apiKey(), traceId);
    Reply r = status(s.detail(s.apiKey(), traceId), 200);
    String etag = io.ovpo.compliance.Expect.header(r, "ETag");
    String expected = "\"" + HexFormat.of().formatHex(sha256(r.body())).substring(0, 32) + "\"";
    equal(etag, expected, "ETag = first 32 hex of SHA-256(body), quoted");
    equal(r.header("Cache-Control").orElse(null), "private, no-cache", "Cache-Control");
    for (String match : List.of(etag, "*", "\"0000\", " + etag)) {
      Reply nm =
          s.http()
              .call("GET", "/v1/traces/" + traceId)
              .key(s.apiKey())
              .header("If-None-Match", match)
              .send();
      status(nm, 304);
      that(nm.body().length == 0, "a 304 has no body");
      equal(nm.header("ETag").orElse(null), etag, "ETag of the 304");
    }
    status(
        s.http()
            .call("GET", "/v1/traces/" + traceId)
            .key(s.apiKey())
            .header("If-None-Match", "\"other\"")
            .send(),
        200);
  }

  static void rateLimitHeaders(Session s) {
    for (String path :
        List.of("/v1/traces?limit=1", "/v1/analytics/bottlenecks", "/v1/traces/" + Items.id())) {
      Reply r = s.http().get(path, s.apiKey());
      long limit = io.ovpo.compliance.Expect.longHeader(r, "X-RateLimit-Limit");
      long remaining = io.ovpo.compliance.Expect.longHeader(r, "X-RateLimit-Remaining");
      io.ovpo.compliance.Expect.longHeader(r, "X-RateLimit-Reset");
      that(
          remaining >= 0 && remaining <= limit,
          "%s: remaining %d of %d",
          r.describe(),
          remaining,
          limit);
    }
  }

  static void near(double actual, double expected, String what) {
    if (Math.abs(actual - expected) > EPSILON * Math.max(1, Math.abs(expected))) {
      throw new CheckFailure(what + ": expected " + expected + ", got " + actual);
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
