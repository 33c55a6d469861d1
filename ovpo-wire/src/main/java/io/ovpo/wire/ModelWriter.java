package io.ovpo.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.in.AuditPage;
import io.ovpo.ports.in.AuditVerification;
import io.ovpo.ports.in.CostReport;
import io.ovpo.ports.in.CreatedApiKey;
import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.in.TraceSummary;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.FrameTimelinePoint;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;

/**
 * Model → JSON for every body OVPO produces, in the shapes of spec chapters 01, 02, 05-09. Each
 * method builds a tree with a fixed key order; {@link #toBytes(JsonNode)} makes the compact bytes,
 * so the same value always gives the same bytes (an idempotent replay differs from the first answer
 * only in {@code "duplicate"}).
 *
 * <p>Conventions: entity fields as in chapter 01, optional ones omitted when absent (empty tags,
 * attributes and quality metrics too; {@code legal_hold} and a span's {@code status} always
 * written). Fields the server adds are always present, {@code null} when they have no value (05 §1
 * rule 4). Enum values are their upper-case names, except roles ({@code super_admin}) and
 * time-series and frame metrics and bucket ({@code p95_latency}, {@code vram_used_mb}, {@code
 * hour}).
 */
public final class ModelWriter {
  private ModelWriter() {}

  /** Compact UTF-8 bytes of a tree built here. */
  public static byte[] toBytes(JsonNode node) {
    return WireJson.toBytes(node);
  }

  // ---- entities ----

  public static ObjectNode trace(Trace t) {
    return EntityJson.trace(t);
  }

  public static ObjectNode span(Span s) {
    return EntityJson.span(s);
  }

  public static ObjectNode frameEvent(FrameEvent e) {
    return EntityJson.frameEvent(e);
  }

  /** A frame event with the collector's {@code received_at}, as in a trace detail. */
  public static ObjectNode storedFrameEvent(StoredFrameEvent e) {
    return QueryJson.storedFrameEvent(e);
  }

  public static ObjectNode artifactRef(ArtifactRef a) {
    return EntityJson.artifactRef(a);
  }

  public static ObjectNode manifest(ArtifactManifest m) {
    return EntityJson.manifest(m);
  }

  /** {@code {"item_type", "data"}} of a batch item. */
  public static ObjectNode item(IngestItem item) {
    ObjectNode o = WireJson.object();
    o.put("item_type", item.itemType().wire());
    o.set("data", data(item));
    return o;
  }

  /** The entity of a batch item, as its {@code data}. */
  public static ObjectNode data(IngestItem item) {
    // Java 17 has no pattern switch; the sealed interface keeps this list complete.
    if (item instanceof IngestItem.TraceItem t) {
      return EntityJson.trace(t.trace());
    } else if (item instanceof IngestItem.SpanItem s) {
      return EntityJson.span(s.span());
    } else if (item instanceof IngestItem.FrameEventItem e) {
      return EntityJson.frameEvent(e.event());
    } else if (item instanceof IngestItem.ManifestItem m) {
      return EntityJson.manifest(m.manifest());
    }
    throw new IllegalArgumentException("unknown item " + item);
  }

  // ---- query API (spec chapter 05) ----

  /**
   * Trace view (05 §4.1): the entity fields with {@code status} = the effective status and {@code
   * legal_hold} always present, then {@code reported_status}, {@code first_received_at}, {@code
   * updated_at}, {@code duration_ms} (integer or null).
   */
  public static ObjectNode traceView(TraceRecord r) {
    return QueryJson.traceView(r);
  }

  /** Span view: the span (with {@code status}) and {@code duration_ms} (integer or null). */
  public static ObjectNode spanView(Span s) {
    return QueryJson.spanView(s);
  }

  /** {@code {reasons: [...], missing_frames: [{first, last}], truncated}}. */
  public static ObjectNode completeness(Completeness c) {
    return QueryJson.completeness(c);
  }

  /** {@code {"data": [trace view...], "has_more", "next_cursor": string|null}}. */
  public static ObjectNode traceList(TraceListResult result) {
    return QueryJson.traceList(result);
  }

  /**
   * {@code {trace, spans, frame_events, artifacts, summary, events_has_more, events_next_cursor}}.
   */
  public static ObjectNode traceDetail(TraceDetail detail) {
    return QueryJson.traceDetail(detail);
  }

  /**
   * 05 §4.2 on its own, with {@code frame_events_expired} false; a trace detail ({@link
   * #traceDetail}) takes it from the trace record.
   */
  public static ObjectNode summary(TraceSummary summary) {
    return QueryJson.summary(summary);
  }

  /**
   * {@code {"from", "to", "data": [{span_kind, count, avg_ms, p95_ms, p99_ms}]}}, entries by p95_ms
   * descending, then span_kind.
   */
  public static ObjectNode bottlenecks(Instant from, Instant to, List<SpanDurationStats> stats) {
    return QueryJson.bottlenecks(from, to, stats);
  }

  /**
   * {@code {"pricing_profile", "data": [{trace_id, compute_units, by_span_kind, pricing_profile}],
   * "total_compute_units", "total_by_span_kind", "not_found"}}; data in the order of {@code
   * requested} (the ids as the client listed them).
   */
  public static ObjectNode costs(CostReport report, List<TraceId> requested) {
    return QueryJson.costs(report, requested);
  }

  /** {@code {"metric", "bucket", "from", "to", "data": [{start, value, count}]}}. */
  public static ObjectNode timeseries(
      TimeseriesMetric metric,
      BucketWidth bucket,
      Instant from,
      Instant to,
      List<TimeBucket> buckets) {
    return QueryJson.timeseries(metric, bucket, from, to, buckets);
  }

  /**
   * A counting frame series (05 §6.4): {@code {"metric", "bucket", "from", "to", "data": [{start,
   * value, count}]}}, {@code metric} being its wire name ({@code frame_failure_rate}).
   */
  public static ObjectNode frameActivity(
      String metric, BucketWidth bucket, Instant from, Instant to, List<TimeBucket> buckets) {
    return QueryJson.timeseries(metric, bucket, from, to, buckets);
  }

  /**
   * A distribution frame series (05 §6.4): {@code {"metric", "bucket", "from", "to", "data":
   * [{start, count, avg, p95, p99}]}}.
   */
  public static ObjectNode frameMetricSeries(
      FrameMetric metric,
      BucketWidth bucket,
      Instant from,
      Instant to,
      List<FrameMetricBucket> buckets) {
    return FrameAnalyticsJson.metricSeries(metric, bucket, from, to, buckets);
  }

  /**
   * A trace's frame timeline (05 §6.5): {@code {"trace_id", "window", "frame_events_expired",
   * "data": [{first_frame, event_count, events_by_type, averages, peak_vram_mb, first_observed_at,
   * last_observed_at}]}}.
   */
  public static ObjectNode frameTimeline(
      TraceId traceId, int window, boolean frameEventsExpired, List<FrameTimelinePoint> points) {
    return FrameAnalyticsJson.timeline(traceId, window, frameEventsExpired, points);
  }

  // ---- ingest and errors ----

  /**
   * Exactly {@code {"request_id", "processed_items", "failed_items", "duplicate", "errors":
   * [{"item_index", "item_type", "code", "field", "message"}]}} in that order.
   */
  public static ObjectNode receipt(IngestReceipt receipt) {
    return AdminJson.receipt(receipt);
  }

  /** {@code {"error": {"code", "message", "request_id"}}}, plus {@code retry_after} when given. */
  public static ObjectNode error(
      ErrorCode code, String message, String requestId, OptionalLong retryAfterSeconds) {
    return AdminJson.error(code, message, requestId, retryAfterSeconds);
  }

  /** Bytes of {@link #error}; fits the apps' {@code ErrorBodyWriter} as a method reference. */
  public static byte[] errorBody(
      ErrorCode code, String message, String requestId, OptionalLong retryAfterSeconds) {
    return toBytes(error(code, message, requestId, retryAfterSeconds));
  }

  // ---- admin and operations (spec chapters 05 §7, 05 §9, 06, 07, 08) ----

  /** {@code {tenant_id, name, created_at, config}}. */
  public static ObjectNode tenant(Tenant t) {
    return AdminJson.tenant(t);
  }

  /**
   * {@code {rate_tier, hardware_profile, default_legal_hold, retention: {frame_events_days,
   * traces_days, artifacts_days, audit_days (null = for ever)}}}.
   */
  public static ObjectNode tenantConfig(TenantConfig c) {
    return AdminJson.tenantConfig(c);
  }

  /** {@code {"data": [tenant...]}}. */
  public static ObjectNode tenants(List<Tenant> tenants) {
    return dataList(tenants, AdminJson::tenant);
  }

  /**
   * A key record without its secret hash: {@code {key_id, prefix, tenant_id, role, name,
   * created_at, expires_at, revoked_at, last_used_at}} (timestamps or null).
   */
  public static ObjectNode apiKey(ApiKeyRecord key) {
    return AdminJson.apiKey(key);
  }

  /** {@code {"data": [key...]}}. */
  public static ObjectNode apiKeys(List<ApiKeyRecord> keys) {
    return dataList(keys, AdminJson::apiKey);
  }

  /** The 201 body: {@code key_id}, the plaintext {@code api_key} (this once), then the record. */
  public static ObjectNode createdApiKey(CreatedApiKey created) {
    return AdminJson.createdApiKey(created);
  }

  /**
   * {@code {sequence, tenant_id, action, actor_id, actor_ip, user_agent, timestamp, resource,
   * details, previous_hash, record_hash}}; {@code resource} is the event's resource id.
   */
  public static ObjectNode auditRecord(AuditRecord record) {
    return AdminJson.auditRecord(record);
  }

  /** {@code {"data": [record...], "has_more", "next_cursor": string|null}}. */
  public static ObjectNode auditPage(AuditPage page) {
    return AdminJson.auditPage(page);
  }

  /** {@code {intact, records_checked, first_broken_sequence: number|null, detail}}. */
  public static ObjectNode auditVerification(AuditVerification v) {
    return AdminJson.auditVerification(v);
  }

  /** {@code {url, expires_at}}. */
  public static ObjectNode signedUrl(SignedUrl url) {
    return AdminJson.signedUrl(url);
  }

  /** {@code /health}: {@code {"status": "UP"}}. */
  public static ObjectNode alive() {
    return AdminJson.alive();
  }

  /**
   * {@code /ready}: {@code {"status": "UP"|"DOWN", "checks": {component: {"status", "detail"?}}}};
   * UP when every check is up (answer 503 otherwise).
   */
  public static ObjectNode ready(List<HealthStatus> checks) {
    return AdminJson.ready(checks);
  }

  /** The 202 body of a user deletion: {@code {deletion_id, trace_count}}. */
  public static ObjectNode deletion(Tombstone tombstone) {
    return AdminJson.deletion(tombstone);
  }

  /** The report of a retention run (08 §2), for {@code POST /v1/admin/retention/run}. */
  public static ObjectNode retentionReport(RetentionReport report) {
    return AdminJson.retentionReport(report);
  }

  /** A tombstone (08 §6), for {@code GET /v1/admin/deletions/{id}}. */
  public static ObjectNode tombstone(Tombstone tombstone) {
    return AdminJson.tombstone(tombstone);
  }

  /** The 200 body of a legal-hold change: {@code {trace_id, legal_hold}}. */
  public static ObjectNode legalHold(TraceId traceId, boolean hold) {
    return AdminJson.legalHold(traceId, hold);
  }

  private static <T> ObjectNode dataList(List<T> values, Function<T, ObjectNode> writer) {
    ObjectNode o = WireJson.object();
    ArrayNode data = o.putArray("data");
    values.forEach(v -> data.add(writer.apply(v)));
    return o;
  }
}
