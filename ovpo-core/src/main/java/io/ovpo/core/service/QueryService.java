package io.ovpo.core.service;

import io.ovpo.core.cache.TraceViewReads;
import io.ovpo.core.cost.ComputeUnits;
import io.ovpo.core.cost.HardwareProfile;
import io.ovpo.core.cost.HardwareProfiles;
import io.ovpo.core.cursor.CursorCodec;
import io.ovpo.core.summary.TraceSummarizer;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.AnalyticsUseCase;
import io.ovpo.ports.in.CostReport;
import io.ovpo.ports.in.EventsRequest;
import io.ovpo.ports.in.QueryTracesUseCase;
import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListRequest;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.Page;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.StoredArtifact;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceQuery;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TraceStore;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The read side (DESIGN.md section 6): trace list with signed keyset cursors, trace detail with one
 * page of frame events and the computed summary, and the analytics endpoints. Every trace read is
 * audited (TRACE_QUERY for a list, TRACE_ACCESS for a detail) with the caller's address and agent.
 * Another tenant's trace is answered exactly like a missing one.
 */
public final class QueryService implements QueryTracesUseCase, AnalyticsUseCase {
  static final int MAX_COST_IDS = 100;

  private final TraceStore traces;
  private final SpanStore spans;
  private final FrameEventStore events;
  private final ArtifactStore artifacts;
  private final CursorCodec cursors;
  private final AuditTrail audit;
  private final HardwareProfiles profiles;
  private final TenantStore tenants;
  private final Clock clock;
  private final TraceViewReads views;

  /**
   * @param views trace details and list pages read through the view cache (spec 05 §10); writers
   *     invalidate it ({@link TraceViewReads#disabled()} reads straight from the stores)
   */
  public QueryService(
      TraceStore traces,
      SpanStore spans,
      FrameEventStore events,
      ArtifactStore artifacts,
      CursorCodec cursors,
      AuditTrail audit,
      HardwareProfiles profiles,
      TenantStore tenants,
      Clock clock,
      TraceViewReads views) {
    this.views = Objects.requireNonNull(views, "views");
    this.traces = Objects.requireNonNull(traces, "traces");
    this.spans = Objects.requireNonNull(spans, "spans");
    this.events = Objects.requireNonNull(events, "events");
    this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    this.cursors = Objects.requireNonNull(cursors, "cursors");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.profiles = Objects.requireNonNull(profiles, "profiles");
    this.tenants = Objects.requireNonNull(tenants, "tenants");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public TraceListResult list(Principal principal, RequestContext request, TraceListRequest query) {
    Access.require(principal, Permission.TRACE_READ);
    TenantId tenant = principal.tenantId();
    Optional<PageKey> after = query.cursor().map(c -> cursors.decodeTraces(tenant, c));
    TraceListResult result = views.list(tenant, query, after, () -> loadList(tenant, query, after));
    audit.record(
        AuditTrail.event(
            principal,
            request,
            tenant,
            AuditAction.TRACE_QUERY,
            Optional.of("traces"),
            details(query, result.data().size()),
            clock.instant()));
    return result;
  }

  private TraceListResult loadList(
      TenantId tenant, TraceListRequest query, Optional<PageKey> after) {
    Page<TraceRecord> page =
        traces.list(
            new TraceQuery(
                tenant, query.statuses(), query.createdAt(), query.tags(), query.limit(), after));
    Optional<String> next =
        page.hasMore()
            ? page.last()
                .map(
                    r ->
                        cursors.encodeTraces(
                            tenant, new PageKey(r.trace().createdAt(), r.traceId())))
            : Optional.empty();
    return new TraceListResult(page.items(), next.isPresent(), next);
  }

  @Override
  public TraceDetail get(
      Principal principal, RequestContext request, TraceId traceId, EventsRequest eventsRequest) {
    Access.require(principal, Permission.TRACE_READ);
    TenantId tenant = principal.tenantId();
    Optional<EventPageKey> after =
        eventsRequest.cursor().map(c -> cursors.decodeEvents(tenant, traceId, c));
    int limit = eventsRequest.limit();
    TraceDetail detail =
        views.detail(
            tenant, traceId, limit, after, () -> loadDetail(tenant, traceId, limit, after));
    Map<String, String> details = new TreeMap<>();
    details.put("events_page", eventsRequest.cursor().isPresent() ? "next" : "first");
    details.put("events_returned", Integer.toString(detail.frameEvents().size()));
    audit.record(
        AuditTrail.event(
            principal,
            request,
            tenant,
            AuditAction.TRACE_ACCESS,
            Optional.of("trace:" + traceId.value()),
            details,
            clock.instant()));
    return detail;
  }

  private TraceDetail loadDetail(
      TenantId tenant, TraceId traceId, int limit, Optional<EventPageKey> after) {
    TraceRecord record = traces.get(tenant, traceId).orElseThrow(() -> notFound("trace"));
    List<Span> traceSpans = spans.byTrace(tenant, traceId);
    List<StoredFrameEvent> page = eventsPage(tenant, traceId, after, limit);
    Optional<String> nextEvents = Optional.empty();
    if (page.size() > limit) {
      page = page.subList(0, limit);
      nextEvents =
          Optional.of(
              cursors.encodeEvents(
                  tenant, traceId, EventPageKey.after(page.get(limit - 1).event())));
    }
    // Manifests in the order first stored, entries in manifest order; an artifact_id listed by
    // several manifests shows once, with the first (spec 05 §4).
    List<StoredArtifact> refs = new ArrayList<>();
    Set<ArtifactId> seen = new HashSet<>();
    for (ArtifactManifest m : artifacts.byTrace(tenant, traceId)) {
      for (ArtifactRef a : m.artifacts()) {
        if (seen.add(a.artifactId())) {
          refs.add(new StoredArtifact(m.manifestId(), a));
        }
      }
    }
    return new TraceDetail(
        record,
        traceSpans,
        page,
        nextEvents,
        refs,
        TraceSummarizer.summarize(
            record,
            traceSpans,
            // Once retention removed the events, their kept aggregates stand (spec 04 §9).
            record.retainedFrameStats().orElseGet(() -> events.stats(tenant, traceId))));
  }

  @Override
  public List<SpanDurationStats> bottlenecks(Principal principal, TimeRange range, Tags tags) {
    Access.require(principal, Permission.METRIC_READ);
    return spans.durationStats(principal.tenantId(), range, tags);
  }

  @Override
  public CostReport costs(Principal principal, List<TraceId> traceIds) {
    Access.require(principal, Permission.METRIC_READ);
    LinkedHashSet<TraceId> ids = new LinkedHashSet<>(traceIds);
    if (ids.isEmpty() || ids.size() > MAX_COST_IDS) {
      throw new OvpoException(
          ErrorCode.INVALID_PARAMETER, "trace_ids must list 1 to " + MAX_COST_IDS + " trace ids");
    }
    TenantId tenant = principal.tenantId();
    HardwareProfile profile = profiles.get(config(tenant).hardwareProfile());
    Map<TraceId, ComputeCost> found = new LinkedHashMap<>();
    List<TraceId> missing = new ArrayList<>();
    for (TraceId id : ids) {
      Optional<TraceRecord> record = traces.get(tenant, id);
      if (record.isEmpty()) {
        missing.add(id);
        continue;
      }
      // Terminal traces carry the processor's figure; running ones are worked out now.
      ComputeCost cost =
          record
              .get()
              .cost()
              .or(
                  () ->
                      ComputeUnits.compute(
                          profile, record.get().trace(), spans.byTrace(tenant, id)))
              .orElseGet(() -> new ComputeCost(0, Map.of(), profile.name(), profile.version()));
      found.put(id, cost);
    }
    return new CostReport(found, missing);
  }

  @Override
  public List<TimeBucket> timeseries(
      Principal principal,
      TimeseriesMetric metric,
      BucketWidth bucket,
      TimeRange range,
      Tags tags) {
    Access.require(principal, Permission.METRIC_READ);
    return traces.timeseries(principal.tenantId(), metric, bucket, range, tags);
  }

  /** Up to {@code limit} events, plus one more when another page exists. */
  private List<StoredFrameEvent> eventsPage(
      TenantId tenant, TraceId traceId, Optional<EventPageKey> after, int limit) {
    if (limit < EventsRequest.MAX_LIMIT) {
      return events.byTrace(tenant, traceId, after, limit + 1);
    }
    List<StoredFrameEvent> page = new ArrayList<>(events.byTrace(tenant, traceId, after, limit));
    if (page.size() == limit) {
      EventPageKey last = EventPageKey.after(page.get(limit - 1).event());
      page.addAll(events.byTrace(tenant, traceId, Optional.of(last), 1));
    }
    return page;
  }

  private TenantConfig config(TenantId tenant) {
    return tenants.get(tenant).map(Tenant::config).orElse(TenantConfig.DEFAULT);
  }

  private static Map<String, String> details(TraceListRequest q, int resultCount) {
    Map<String, String> d = new TreeMap<>();
    if (!q.statuses().isEmpty()) {
      d.put(
          "status",
          q.statuses().stream().map(TraceStatus::wire).sorted().collect(Collectors.joining(",")));
    }
    q.createdAt().from().ifPresent(f -> d.put("from", f.toString()));
    q.createdAt().to().ifPresent(t -> d.put("to", t.toString()));
    if (!q.tags().isEmpty()) {
      // Keys only: audit details must never hold tag values (spec 07 §2).
      d.put("tag", String.join(",", new TreeSet<>(q.tags().values().keySet())));
    }
    d.put("limit", Integer.toString(q.limit()));
    if (q.cursor().isPresent()) {
      d.put("page", "continued");
    }
    d.put("result_count", Integer.toString(resultCount));
    return d;
  }

  private static OvpoException notFound(String what) {
    return new OvpoException(ErrorCode.NOT_FOUND, what + " not found");
  }
}
