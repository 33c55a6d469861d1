package io.ovpo.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.in.CostReport;
import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.in.TraceSummary;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.PartialReason;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/** The bodies of the query API (spec chapter 05): views, trace list and detail, analytics. */
final class QueryJson {
  private QueryJson() {}

  /** Trace view (05 §4.1): entity fields, effective status, then the server's fields. */
  static ObjectNode traceView(TraceRecord r) {
    ObjectNode o = WireJson.object();
    EntityJson.traceFields(o, r.trace(), r.status());
    o.put("reported_status", r.reportedStatus().wire());
    o.put("first_received_at", EntityJson.time(r.firstReceivedAt()));
    o.put("updated_at", EntityJson.time(r.updatedAt()));
    Trace t = r.trace();
    if (t.endedAt().isPresent()) {
      o.put("duration_ms", millis(t.startedAt().orElse(t.createdAt()), t.endedAt().get()));
    } else {
      o.putNull("duration_ms");
    }
    return o;
  }

  /** Span view: the span with {@code duration_ms} (integer or null). */
  static ObjectNode spanView(Span s) {
    ObjectNode o = EntityJson.span(s);
    if (s.endTime().isPresent()) {
      o.put("duration_ms", millis(s.startTime(), s.endTime().get()));
    } else {
      o.putNull("duration_ms");
    }
    return o;
  }

  static ObjectNode storedFrameEvent(StoredFrameEvent e) {
    ObjectNode o = EntityJson.frameEvent(e.event());
    o.put("received_at", EntityJson.time(e.receivedAt()));
    return o;
  }

  /** {@code {reasons: [...], missing_frames: [{first, last}], truncated}} (04 §6). */
  static ObjectNode completeness(Completeness c) {
    ObjectNode o = WireJson.object();
    ArrayNode reasons = o.putArray("reasons");
    c.reasons().forEach(r -> reasons.add(reason(r)));
    ArrayNode ranges = o.putArray("missing_frames");
    c.missingFrames().forEach(r -> ranges.add(range(r)));
    o.put("truncated", c.truncated());
    return o;
  }

  private static ObjectNode reason(PartialReason r) {
    ObjectNode o = WireJson.object();
    o.put("code", r.code().name());
    o.put("message", r.message());
    r.eventType().ifPresent(t -> o.put("event_type", t.name()));
    r.frameIndex().ifPresent(i -> o.put("frame_index", i));
    r.eventId().ifPresent(e -> o.put("event_id", e.value()));
    return o;
  }

  private static ObjectNode range(FrameRange r) {
    ObjectNode o = WireJson.object();
    o.put("first", r.first());
    o.put("last", r.last());
    return o;
  }

  static ObjectNode traceList(TraceListResult result) {
    ObjectNode o = WireJson.object();
    ArrayNode data = o.putArray("data");
    result.data().forEach(r -> data.add(traceView(r)));
    o.put("has_more", result.hasMore());
    putNullable(o, "next_cursor", result.nextCursor());
    return o;
  }

  static ObjectNode traceDetail(TraceDetail d) {
    ObjectNode o = WireJson.object();
    o.set("trace", traceView(d.trace()));
    ArrayNode spans = o.putArray("spans");
    d.spans().forEach(s -> spans.add(spanView(s)));
    ArrayNode events = o.putArray("frame_events");
    d.frameEvents().forEach(e -> events.add(storedFrameEvent(e)));
    ArrayNode artifacts = o.putArray("artifacts");
    d.artifacts()
        .forEach(
            a ->
                artifacts.add(
                    EntityJson.artifactRef(a.artifact())
                        .put("manifest_id", a.manifestId().value())));
    o.set("summary", summary(d.summary(), d.trace().frameEventsExpired()));
    o.put("events_has_more", d.nextEventsCursor().isPresent());
    putNullable(o, "events_next_cursor", d.nextEventsCursor());
    return o;
  }

  static ObjectNode summary(TraceSummary s) {
    return summary(s, false);
  }

  /** 05 §4.2, with {@code frame_events_expired} from the trace record. */
  static ObjectNode summary(TraceSummary s, boolean frameEventsExpired) {
    ObjectNode o = WireJson.object();
    if (s.totalDurationMs().isPresent()) {
      o.put("total_duration_ms", s.totalDurationMs().getAsLong());
    } else {
      o.putNull("total_duration_ms");
    }
    o.set("span_breakdown_pct", byKind(s.spanBreakdownPct()));
    putNullable(o, "peak_vram_mb", s.peakVramMb());
    putNullable(o, "avg_gpu_utilization_pct", s.avgGpuUtilizationPct());
    o.put("frame_count", s.frameCount());
    o.put("event_count", s.eventCount());
    putNullable(o, "observed_fps", s.observedFps());
    Optional<ComputeCost> cost = s.computeUnits();
    if (cost.isPresent()) {
      o.put("compute_units", cost.get().computeUnits());
      o.set("compute_units_by_span_kind", byKind(cost.get().bySpanKind()));
      o.set("pricing_profile", profile(cost.get()));
    } else {
      o.putNull("compute_units");
      o.putNull("compute_units_by_span_kind");
      o.putNull("pricing_profile");
    }
    o.set("completeness", completeness(s.completeness()));
    o.put("frame_events_expired", frameEventsExpired);
    return o;
  }

  /** A per-span-kind map in span-kind declaration order, so the bytes are stable. */
  static ObjectNode byKind(Map<SpanKind, Double> values) {
    ObjectNode o = WireJson.object();
    for (SpanKind k : SpanKind.values()) {
      Double v = values.get(k);
      if (v != null) {
        o.put(k.name(), v);
      }
    }
    return o;
  }

  static ObjectNode profile(ComputeCost c) {
    ObjectNode p = WireJson.object();
    p.put("name", c.profileName());
    p.put("version", c.profileVersion());
    return p;
  }

  /** 05 §6.1: entries by p95_ms descending, then span_kind ascending. */
  static ObjectNode bottlenecks(Instant from, Instant to, List<SpanDurationStats> stats) {
    ObjectNode o = WireJson.object();
    o.put("from", EntityJson.time(from));
    o.put("to", EntityJson.time(to));
    ArrayNode data = o.putArray("data");
    List<SpanDurationStats> sorted = new ArrayList<>(stats);
    sorted.sort(
        Comparator.comparingLong(SpanDurationStats::p95Ms)
            .reversed()
            .thenComparing(s -> s.spanKind().name()));
    for (SpanDurationStats s : sorted) {
      ObjectNode e = data.addObject();
      e.put("span_kind", s.spanKind().name());
      e.put("count", s.count());
      e.put("avg_ms", s.avgMs());
      e.put("p95_ms", s.p95Ms());
      e.put("p99_ms", s.p99Ms());
    }
    return o;
  }

  /**
   * 05 §6.2: entries in the order of first occurrence in {@code requested} (found ids not listed
   * there follow, by id), totals, and the profile of the first entry at the top (null when none).
   */
  static ObjectNode costs(CostReport report, List<TraceId> requested) {
    LinkedHashSet<TraceId> order = new LinkedHashSet<>(requested);
    report.traces().keySet().stream().sorted().forEach(order::add);
    List<Map.Entry<TraceId, ComputeCost>> found = new ArrayList<>();
    for (TraceId id : order) {
      ComputeCost c = report.traces().get(id);
      if (c != null) {
        found.add(Map.entry(id, c));
      }
    }
    ObjectNode o = WireJson.object();
    if (found.isEmpty()) {
      o.putNull("pricing_profile");
    } else {
      o.set("pricing_profile", profile(found.get(0).getValue()));
    }
    ArrayNode data = o.putArray("data");
    double total = 0;
    Map<SpanKind, Double> totalByKind = new EnumMap<>(SpanKind.class);
    for (Map.Entry<TraceId, ComputeCost> e : found) {
      ComputeCost c = e.getValue();
      ObjectNode entry = data.addObject();
      entry.put("trace_id", e.getKey().value());
      entry.put("compute_units", c.computeUnits());
      entry.set("by_span_kind", byKind(c.bySpanKind()));
      entry.set("pricing_profile", profile(c));
      total += c.computeUnits();
      c.bySpanKind().forEach((k, v) -> totalByKind.merge(k, v, Double::sum));
    }
    o.put("total_compute_units", total);
    o.set("total_by_span_kind", byKind(totalByKind));
    ArrayNode notFound = o.putArray("not_found");
    report.notFound().forEach(id -> notFound.add(id.value()));
    return o;
  }

  static ObjectNode timeseries(
      TimeseriesMetric metric,
      BucketWidth bucket,
      Instant from,
      Instant to,
      List<TimeBucket> buckets) {
    return timeseries(metric.name().toLowerCase(Locale.ROOT), bucket, from, to, buckets);
  }

  /** A counting series, of spans or of frames: value and count per bucket. */
  static ObjectNode timeseries(
      String metric, BucketWidth bucket, Instant from, Instant to, List<TimeBucket> buckets) {
    ObjectNode o = seriesHeader(metric, bucket, from, to);
    ArrayNode data = o.putArray("data");
    for (TimeBucket b : buckets) {
      ObjectNode e = data.addObject();
      e.put("start", EntityJson.time(b.start()));
      e.put("value", b.value());
      e.put("count", b.count());
    }
    return o;
  }

  /** What every series body starts with; {@code metric} is the wire name. */
  static ObjectNode seriesHeader(String metric, BucketWidth bucket, Instant from, Instant to) {
    ObjectNode o = WireJson.object();
    o.put("metric", metric);
    o.put("bucket", bucket.name().toLowerCase(Locale.ROOT));
    o.put("from", EntityJson.time(from));
    o.put("to", EntityJson.time(to));
    return o;
  }

  static long millis(Instant from, Instant to) {
    return Duration.between(from, to).toMillis();
  }

  static void putNullable(ObjectNode o, String name, Optional<String> value) {
    if (value.isPresent()) {
      o.put(name, value.get());
    } else {
      o.putNull(name);
    }
  }

  static void putNullable(ObjectNode o, String name, OptionalDouble value) {
    if (value.isPresent()) {
      o.put(name, value.getAsDouble());
    } else {
      o.putNull(name);
    }
  }
}
