package io.ovpo.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.in.CostReport;
import io.ovpo.ports.in.TraceSummary;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.DeletedCounts;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameRange;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.PartialReason;
import io.ovpo.ports.model.PartialReasonCode;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.RetentionRunId;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import java.net.URI;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.function.BiFunction;

/**
 * Reads response bodies written by {@link ModelWriter} back into model records: for Java clients,
 * tools and tests. Failures are {@link WireValueException}s with pointers relative to the node
 * given. Values a body does not carry (a trace record's tenant and version) are parameters.
 */
public final class ResponseReader {
  private ResponseReader() {}

  /** An ingest receipt; its HTTP status is 202 when items were processed, else 400. */
  public static IngestReceipt receipt(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    int processed = f.intValue("processed_items");
    List<ItemError> errors =
        list(
            f.array("errors"),
            f.pointer("errors"),
            (n, p) -> {
              JsonFields e = JsonFields.of(n, p);
              int index = e.intValue("item_index");
              JsonNode t = e.req("item_type");
              Optional<ItemType> type =
                  t.isNull()
                      ? Optional.empty()
                      : Optional.of(
                          ItemType.fromWire(JsonFields.text(t, e.pointer("item_type")))
                              .orElseThrow(
                                  () -> JsonFields.shape(e.pointer("item_type"), "unknown type")));
              ErrorCode code = e.enumValue("code", ErrorCode.class);
              String field = e.text("field");
              String message = e.text("message");
              return Pointers.build(p, () -> new ItemError(index, type, code, field, message));
            });
    String requestId = f.text("request_id");
    int failed = f.intValue("failed_items");
    boolean duplicate = f.bool("duplicate");
    return Pointers.build(
        "",
        () ->
            new IngestReceipt(
                requestId, processed > 0 ? 202 : 400, processed, failed, duplicate, errors));
  }

  /**
   * A trace view back into a record. The view carries neither tenant, version, verdict nor cost
   * (those are in the detail's summary), so they are parameters.
   */
  public static TraceRecord traceRecord(
      JsonNode node,
      TenantId tenant,
      long version,
      Completeness completeness,
      Optional<ComputeCost> cost) {
    JsonFields f = JsonFields.of(node, "");
    TraceStatus effective = f.enumValue("status", TraceStatus.class);
    ObjectNode reported = ((ObjectNode) node).deepCopy();
    reported.set("status", f.req("reported_status"));
    var trace = ModelReader.trace(reported, "");
    var receivedAt = f.instant("first_received_at");
    var updatedAt = f.instant("updated_at");
    return Pointers.build(
        "",
        () ->
            new TraceRecord(
                tenant, trace, effective, completeness, cost, receivedAt, updatedAt, version));
  }

  /** A detail's {@code summary} (05 §4.2). */
  public static TraceSummary summary(JsonNode node, String pointer) {
    JsonFields f = JsonFields.of(node, pointer);
    OptionalLong total =
        f.req("total_duration_ms").isNull()
            ? OptionalLong.empty()
            : OptionalLong.of(f.longValue("total_duration_ms"));
    Map<SpanKind, Double> breakdown = byKind(f.object("span_breakdown_pct"));
    OptionalDouble peak = nullableDouble(f, "peak_vram_mb");
    OptionalDouble avg = nullableDouble(f, "avg_gpu_utilization_pct");
    long frames = f.longValue("frame_count");
    long events = f.longValue("event_count");
    OptionalDouble fps = nullableDouble(f, "observed_fps");
    Optional<ComputeCost> cost = Optional.empty();
    if (!f.req("compute_units").isNull()) {
      double units = f.doubleValue("compute_units");
      Map<SpanKind, Double> kinds = byKind(f.object("compute_units_by_span_kind"));
      JsonFields p = f.object("pricing_profile");
      String name = p.text("name");
      String version = p.text("version");
      cost =
          Optional.of(Pointers.build(pointer, () -> new ComputeCost(units, kinds, name, version)));
    }
    Completeness completeness = completeness(f.req("completeness"), f.pointer("completeness"));
    return new TraceSummary(total, breakdown, peak, avg, frames, events, fps, cost, completeness);
  }

  public static Completeness completeness(JsonNode node, String pointer) {
    JsonFields f = JsonFields.of(node, pointer);
    List<PartialReason> reasons =
        list(
            f.array("reasons"),
            f.pointer("reasons"),
            (n, p) -> {
              JsonFields r = JsonFields.of(n, p);
              var code = r.enumValue("code", PartialReasonCode.class);
              String message = r.text("message");
              Optional<EventType> type = r.optEnum("event_type", EventType.class);
              var frame = r.optLong("frame_index");
              Optional<EventId> event = r.optId("event_id", EventId::new);
              return Pointers.build(p, () -> new PartialReason(code, message, type, frame, event));
            });
    List<FrameRange> ranges =
        list(
            f.array("missing_frames"),
            f.pointer("missing_frames"),
            (n, p) -> {
              JsonFields r = JsonFields.of(n, p);
              long first = r.longValue("first");
              long last = r.longValue("last");
              return Pointers.build(p, () -> new FrameRange(first, last));
            });
    boolean truncated = f.bool("truncated");
    return Pointers.build(pointer, () -> new Completeness(reasons, ranges, truncated));
  }

  /** A frame event of a trace detail, with its {@code received_at}. */
  public static StoredFrameEvent storedFrameEvent(JsonNode node, String pointer) {
    var event = ModelReader.frameEvent(node, pointer);
    var receivedAt = JsonFields.of(node, pointer).instant("received_at");
    return new StoredFrameEvent(event, receivedAt);
  }

  /** The costs body; {@code by_span_kind} of each entry is kept. */
  public static CostReport costs(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    Map<TraceId, ComputeCost> traces = new LinkedHashMap<>();
    JsonNode data = f.array("data");
    for (int i = 0; i < data.size(); i++) {
      String p = Pointers.child(f.pointer("data"), i);
      JsonFields e = JsonFields.of(data.get(i), p);
      TraceId id = e.id("trace_id", TraceId::new);
      double units = e.doubleValue("compute_units");
      Map<SpanKind, Double> kinds = byKind(e.object("by_span_kind"));
      JsonFields profile = e.object("pricing_profile");
      String name = profile.text("name");
      String version = profile.text("version");
      traces.put(id, Pointers.build(p, () -> new ComputeCost(units, kinds, name, version)));
    }
    List<TraceId> notFound =
        list(
            f.array("not_found"),
            f.pointer("not_found"),
            (n, p) -> Pointers.buildAt(p, () -> new TraceId(JsonFields.text(n, p))));
    return new CostReport(traces, notFound);
  }

  public static List<SpanDurationStats> bottlenecks(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    return list(
        f.array("data"),
        f.pointer("data"),
        (n, p) -> {
          JsonFields s = JsonFields.of(n, p);
          var kind = s.enumValue("span_kind", SpanKind.class);
          long count = s.longValue("count");
          double avg = s.doubleValue("avg_ms");
          long p95 = s.longValue("p95_ms");
          long p99 = s.longValue("p99_ms");
          return Pointers.build(p, () -> new SpanDurationStats(kind, count, avg, p95, p99));
        });
  }

  public static List<TimeBucket> timeseries(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    return list(
        f.array("data"),
        f.pointer("data"),
        (n, p) -> {
          JsonFields b = JsonFields.of(n, p);
          var start = b.instant("start");
          double value = b.doubleValue("value");
          long count = b.longValue("count");
          return Pointers.build(p, () -> new TimeBucket(start, value, count));
        });
  }

  public static AuditRecord auditRecord(JsonNode node, String pointer) {
    JsonFields f = JsonFields.of(node, pointer);
    TenantId tenant = f.id("tenant_id", TenantId::new);
    AuditAction action = f.enumValue("action", AuditAction.class);
    String actor = f.text("actor_id");
    var ip = nullableText(f, "actor_ip");
    var agent = nullableText(f, "user_agent");
    var timestamp = f.instant("timestamp");
    var resource = nullableText(f, "resource");
    Map<String, String> details = new LinkedHashMap<>();
    JsonFields d = f.object("details");
    d.entries().forEach(e -> details.put(e.getKey(), d.text(e.getKey())));
    long sequence = f.longValue("sequence");
    String previous = f.text("previous_hash");
    String hash = f.text("record_hash");
    return Pointers.build(
        pointer,
        () ->
            new AuditRecord(
                new AuditEvent(tenant, action, actor, ip, agent, timestamp, resource, details),
                sequence,
                previous,
                hash));
  }

  /** A tombstone (08 §6), as {@code GET /v1/admin/deletions/{id}} answers it. */
  public static Tombstone tombstone(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    DeletionId id = f.id("deletion_id", DeletionId::new);
    TenantId tenant = f.id("tenant_id", TenantId::new);
    var deletedAt = f.instant("deleted_at");
    String by = f.text("deleted_by");
    String reason = f.text("reason");
    Optional<String> user = nullableText(f, "user_id_hash");
    int traces = f.intValue("trace_count");
    int held = f.intValue("held_count");
    DeletionState state = f.enumValue("state", DeletionState.class);
    return Pointers.build(
        "", () -> new Tombstone(id, tenant, deletedAt, by, reason, user, traces, held, state));
  }

  /** The report of a retention run (08 §2). */
  public static RetentionReport retentionReport(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    RetentionRunId runId = f.id("run_id", RetentionRunId::new);
    TenantId tenant = f.id("tenant_id", TenantId::new);
    var started = f.instant("started_at");
    var finished = f.instant("finished_at");
    JsonFields d = f.object("deleted");
    long traces = d.longValue("traces");
    long spans = d.longValue("spans");
    long events = d.longValue("frame_events");
    long artifacts = d.longValue("artifacts");
    long orphans = d.longValue("orphans");
    long audit = d.longValue("audit_records");
    long held = f.longValue("held");
    long failed = f.longValue("failed");
    Optional<DeletionId> deletion = nullableText(f, "deletion_id").map(DeletionId::of);
    return Pointers.build(
        "",
        () ->
            new RetentionReport(
                runId,
                tenant,
                started,
                finished,
                new DeletedCounts(traces, spans, events, artifacts, orphans, audit),
                held,
                failed,
                deletion));
  }

  public static Tenant tenant(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    TenantId id = f.id("tenant_id", TenantId::new);
    String name = f.text("name");
    var createdAt = f.instant("created_at");
    TenantConfig config = tenantConfig(f.req("config"), f.pointer("config"));
    return Pointers.build("", () -> new Tenant(id, name, config, createdAt));
  }

  /** A complete tenant configuration, as {@link RequestJson#tenantConfig} reads it. */
  public static TenantConfig tenantConfig(JsonNode node, String pointer) {
    return RequestJson.config(JsonFields.of(node, pointer));
  }

  public static SignedUrl signedUrl(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    String url = f.text("url");
    var expiresAt = f.instant("expires_at");
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw JsonFields.shape(f.pointer("url"), "must be a URI");
    }
    return new SignedUrl(uri, expiresAt);
  }

  /** The checks of a {@code /ready} body; an UP check without detail reads as detail "ok". */
  public static List<HealthStatus> ready(JsonNode node) {
    JsonFields f = JsonFields.of(node, "");
    JsonFields checks = f.object("checks");
    List<HealthStatus> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : checks.entries()) {
      JsonFields c = JsonFields.of(e.getValue(), checks.pointer(e.getKey()));
      String status = c.text("status");
      if (!status.equals("UP") && !status.equals("DOWN")) {
        throw JsonFields.shape(c.pointer("status"), "must be UP or DOWN");
      }
      boolean up = status.equals("UP");
      String detail = c.optText("detail").orElse(up ? "ok" : "down");
      out.add(Pointers.build(c.pointer(), () -> new HealthStatus(e.getKey(), up, detail)));
    }
    return out;
  }

  private static Map<SpanKind, Double> byKind(JsonFields k) {
    Map<SpanKind, Double> out = new EnumMap<>(SpanKind.class);
    for (Map.Entry<String, JsonNode> x : k.entries()) {
      out.put(
          JsonFields.enumValue(x.getKey(), k.pointer(x.getKey()), SpanKind.class),
          k.doubleValue(x.getKey()));
    }
    return out;
  }

  private static OptionalDouble nullableDouble(JsonFields f, String name) {
    return f.req(name).isNull() ? OptionalDouble.empty() : OptionalDouble.of(f.doubleValue(name));
  }

  private static Optional<String> nullableText(JsonFields f, String name) {
    return f.opt(name).filter(v -> !v.isNull()).map(v -> JsonFields.text(v, f.pointer(name)));
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
