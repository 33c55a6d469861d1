package io.ovpo.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.in.TraceSummary;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.ManifestId;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.StoredArtifact;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.TraceViewCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.BiFunction;

/**
 * The view cache's codec: compact JSON built from the wire's own entity and view writers, plus what
 * the public views leave out so every record comes back equal (tenant, version, verdict, cost,
 * retained frame aggregates, and server instants at full precision: the wire shows milliseconds). A
 * {@code format} field names the layout; bytes of another layout or a damaged entry are refused.
 */
public final class JsonTraceViewCodec implements TraceViewCodec {
  static final String DETAIL = "ovpo.view.detail/1";
  static final String LIST = "ovpo.view.list/1";

  @Override
  public byte[] encodeDetail(TraceDetail d) {
    ObjectNode o = WireJson.object();
    o.put("format", DETAIL);
    o.set("trace", record(d.trace()));
    ArrayNode spans = o.putArray("spans");
    d.spans().forEach(s -> spans.add(EntityJson.span(s)));
    ArrayNode events = o.putArray("frame_events");
    for (StoredFrameEvent e : d.frameEvents()) {
      ObjectNode stored = events.addObject();
      stored.set("event", EntityJson.frameEvent(e.event()));
      stored.put("received_at", exact(e.receivedAt()));
    }
    QueryJson.putNullable(o, "next_events_cursor", d.nextEventsCursor());
    ArrayNode artifacts = o.putArray("artifacts");
    for (StoredArtifact a : d.artifacts()) {
      ObjectNode stored = artifacts.addObject();
      stored.put("manifest_id", a.manifestId().value());
      stored.set("artifact", EntityJson.artifactRef(a.artifact()));
    }
    o.set("summary", QueryJson.summary(d.summary()));
    return WireJson.toBytes(o);
  }

  @Override
  public TraceDetail decodeDetail(byte[] bytes) {
    JsonFields f = parse(bytes, DETAIL);
    try {
      TraceRecord trace = record(f.req("trace"), "/trace");
      List<Span> spans = list(f.array("spans"), "/spans", ModelReader::span);
      List<StoredFrameEvent> events =
          list(
              f.array("frame_events"),
              "/frame_events",
              (n, p) -> {
                JsonFields e = JsonFields.of(n, p);
                return new StoredFrameEvent(
                    ModelReader.frameEvent(e.req("event"), e.pointer("event")),
                    exact(e.text("received_at")));
              });
      Optional<String> next = nullableText(f, "next_events_cursor");
      List<StoredArtifact> artifacts =
          list(
              f.array("artifacts"),
              "/artifacts",
              (n, p) -> {
                JsonFields a = JsonFields.of(n, p);
                return new StoredArtifact(
                    a.id("manifest_id", ManifestId::new),
                    ModelReader.artifactRef(a.req("artifact"), a.pointer("artifact")));
              });
      TraceSummary summary = ResponseReader.summary(f.req("summary"), "/summary");
      return new TraceDetail(trace, spans, events, next, artifacts, summary);
    } catch (RuntimeException e) {
      throw refused(e);
    }
  }

  @Override
  public byte[] encodeList(TraceListResult page) {
    ObjectNode o = WireJson.object();
    o.put("format", LIST);
    ArrayNode data = o.putArray("data");
    page.data().forEach(r -> data.add(record(r)));
    QueryJson.putNullable(o, "next_cursor", page.nextCursor());
    return WireJson.toBytes(o);
  }

  @Override
  public TraceListResult decodeList(byte[] bytes) {
    JsonFields f = parse(bytes, LIST);
    try {
      List<TraceRecord> data = list(f.array("data"), "/data", JsonTraceViewCodec::record);
      Optional<String> next = nullableText(f, "next_cursor");
      return new TraceListResult(data, next.isPresent(), next);
    } catch (RuntimeException e) {
      throw refused(e);
    }
  }

  // ---- a whole trace record ----

  private static ObjectNode record(TraceRecord r) {
    ObjectNode o = WireJson.object();
    o.put("tenant_id", r.tenantId().value());
    o.put("version", r.version());
    o.set("view", QueryJson.traceView(r));
    o.put("first_received_at", exact(r.firstReceivedAt()));
    o.put("updated_at", exact(r.updatedAt()));
    o.set("completeness", QueryJson.completeness(r.completeness()));
    if (r.cost().isPresent()) {
      o.set("cost", cost(r.cost().get()));
    } else {
      o.putNull("cost");
    }
    if (r.retainedFrameStats().isPresent()) {
      o.set("retained_frame_stats", stats(r.retainedFrameStats().get()));
    } else {
      o.putNull("retained_frame_stats");
    }
    return o;
  }

  private static TraceRecord record(JsonNode node, String pointer) {
    JsonFields f = JsonFields.of(node, pointer);
    TenantId tenant = f.id("tenant_id", TenantId::new);
    long version = f.longValue("version");
    Completeness completeness =
        ResponseReader.completeness(f.req("completeness"), f.pointer("completeness"));
    Optional<ComputeCost> cost =
        f.req("cost").isNull() ? Optional.empty() : Optional.of(cost(f.object("cost")));
    Optional<FrameEventStats> stats =
        f.req("retained_frame_stats").isNull()
            ? Optional.empty()
            : Optional.of(stats(f.object("retained_frame_stats")));
    TraceRecord shown =
        ResponseReader.traceRecord(f.req("view"), tenant, version, completeness, cost);
    return new TraceRecord(
        tenant,
        shown.trace(),
        shown.status(),
        completeness,
        cost,
        exact(f.text("first_received_at")),
        exact(f.text("updated_at")),
        version,
        stats);
  }

  private static ObjectNode cost(ComputeCost c) {
    ObjectNode o = WireJson.object();
    o.put("compute_units", c.computeUnits());
    o.set("by_span_kind", QueryJson.byKind(c.bySpanKind()));
    o.set("profile", QueryJson.profile(c));
    return o;
  }

  private static ComputeCost cost(JsonFields f) {
    double units = f.doubleValue("compute_units");
    JsonFields kinds = f.object("by_span_kind");
    Map<SpanKind, Double> byKind = new EnumMap<>(SpanKind.class);
    for (Map.Entry<String, JsonNode> k : kinds.entries()) {
      byKind.put(
          JsonFields.enumValue(k.getKey(), kinds.pointer(k.getKey()), SpanKind.class),
          kinds.doubleValue(k.getKey()));
    }
    JsonFields p = f.object("profile");
    return new ComputeCost(units, byKind, p.text("name"), p.text("version"));
  }

  private static ObjectNode stats(FrameEventStats s) {
    ObjectNode o = WireJson.object();
    o.put("event_count", s.eventCount());
    ObjectNode frames = o.putObject("distinct_frames_by_type");
    s.distinctFramesByType().forEach((type, n) -> frames.put(type.name(), n));
    QueryJson.putNullable(o, "peak_vram_mb", s.peakVramMb());
    QueryJson.putNullable(o, "avg_gpu_utilization_pct", s.avgGpuUtilizationPct());
    QueryJson.putNullable(
        o, "first_observed_at", s.firstObservedAt().map(JsonTraceViewCodec::exact));
    QueryJson.putNullable(o, "last_observed_at", s.lastObservedAt().map(JsonTraceViewCodec::exact));
    ObjectNode media = o.putObject("media_time_by_type");
    s.mediaTimeByType()
        .forEach(
            (type, r) ->
                media.putObject(type.name()).put("min_ms", r.minMs()).put("max_ms", r.maxMs()));
    return o;
  }

  private static FrameEventStats stats(JsonFields f) {
    JsonFields frames = f.object("distinct_frames_by_type");
    Map<EventType, Long> byType = new EnumMap<>(EventType.class);
    for (Map.Entry<String, JsonNode> t : frames.entries()) {
      byType.put(
          JsonFields.enumValue(t.getKey(), frames.pointer(t.getKey()), EventType.class),
          frames.longValue(t.getKey()));
    }
    Map<EventType, FrameEventStats.MediaTimeRange> media = new EnumMap<>(EventType.class);
    JsonFields ranges = f.object("media_time_by_type");
    for (Map.Entry<String, JsonNode> t : ranges.entries()) {
      JsonFields r = ranges.object(t.getKey());
      media.put(
          JsonFields.enumValue(t.getKey(), ranges.pointer(t.getKey()), EventType.class),
          new FrameEventStats.MediaTimeRange(r.longValue("min_ms"), r.longValue("max_ms")));
    }
    return new FrameEventStats(
        f.longValue("event_count"),
        byType,
        nullableDouble(f, "peak_vram_mb"),
        nullableDouble(f, "avg_gpu_utilization_pct"),
        nullableText(f, "first_observed_at").map(JsonTraceViewCodec::exact),
        nullableText(f, "last_observed_at").map(JsonTraceViewCodec::exact),
        media);
  }

  // ---- helpers ----

  /** {@code <epoch second>.<nanos>}: exact, unlike the wire's milliseconds. */
  private static String exact(Instant t) {
    return t.getEpochSecond() + "." + t.getNano();
  }

  private static Instant exact(String text) {
    int dot = text.indexOf('.');
    if (dot < 1) {
      throw new IllegalArgumentException("not an exact instant: " + text);
    }
    return Instant.ofEpochSecond(
        Long.parseLong(text.substring(0, dot)), Long.parseLong(text.substring(dot + 1)));
  }

  private static JsonFields parse(byte[] bytes, String format) {
    JsonNode node;
    try {
      node = WireJson.parse(bytes);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a cached view: " + e.getOriginalMessage(), e);
    }
    JsonFields f;
    try {
      f = JsonFields.of(node, "");
    } catch (RuntimeException e) {
      throw refused(e);
    }
    if (!f.has("format") || !format.equals(f.optText("format").orElse(""))) {
      throw new IllegalArgumentException("not a cached view of format " + format);
    }
    return f;
  }

  private static IllegalArgumentException refused(RuntimeException e) {
    return e instanceof IllegalArgumentException iae
        ? iae
        : new IllegalArgumentException("damaged cached view: " + e.getMessage(), e);
  }

  private static OptionalDouble nullableDouble(JsonFields f, String name) {
    return f.req(name).isNull() ? OptionalDouble.empty() : OptionalDouble.of(f.doubleValue(name));
  }

  private static Optional<String> nullableText(JsonFields f, String name) {
    return f.req(name).isNull() ? Optional.empty() : Optional.of(f.text(name));
  }

  private static <T> List<T> list(
      JsonNode array, String pointer, BiFunction<JsonNode, String, T> reader) {
    List<T> out = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      out.add(reader.apply(array.get(i), Pointers.child(pointer, i)));
    }
    return out;
  }
}
