package io.ovpo.core.service;

import io.ovpo.core.dedupe.DedupeKeys;
import io.ovpo.core.lifecycle.SpanMerge;
import io.ovpo.core.lifecycle.SpanMergeResult;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.ItemCodec;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.SpanStore;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the items of one trace of an envelope: dedupe first (seen keys and repeats within the
 * envelope are skipped), then trace states in order, spans (fill-in merge), frame events and
 * manifests. Every write is idempotent, so redoing an envelope whose keys were not yet remembered
 * changes nothing and counts nothing twice.
 */
final class TraceItemsApplier {
  private static final System.Logger LOG = System.getLogger(TraceItemsApplier.class.getName());

  /**
   * What came in fresh (not deduplicated).
   *
   * @param freshKeys dedupe keys to remember once everything of the trace is written
   * @param traceStateSeen a trace state was among them
   * @param otherItemsSeen a span, frame event or manifest was among them
   */
  record Applied(List<String> freshKeys, boolean traceStateSeen, boolean otherItemsSeen) {}

  private final TraceWriter writer;
  private final SpanStore spans;
  private final FrameEventStore events;
  private final ArtifactStore artifacts;
  private final DedupeStore dedupe;
  private final ItemCodec codec;
  private final MetricsRecorder metrics;

  TraceItemsApplier(
      TraceWriter writer,
      SpanStore spans,
      FrameEventStore events,
      ArtifactStore artifacts,
      DedupeStore dedupe,
      ItemCodec codec,
      MetricsRecorder metrics) {
    this.writer = writer;
    this.spans = spans;
    this.events = events;
    this.artifacts = artifacts;
    this.dedupe = dedupe;
    this.codec = codec;
    this.metrics = metrics;
  }

  Applied apply(
      Envelope envelope,
      TenantConfig config,
      List<IngestItem> items,
      Instant now,
      ProcessorService.Counts c) {
    TenantId tenant = envelope.tenantId();
    Map<String, IngestItem> byKey = new LinkedHashMap<>();
    for (IngestItem item : items) {
      if (byKey.putIfAbsent(DedupeKeys.key(item, codec), item) != null) {
        duplicate(c, 1);
      }
    }
    Set<String> seen = dedupe.seen(tenant, byKey.keySet(), now);
    duplicate(c, seen.size());
    List<String> fresh = new ArrayList<>();
    List<IngestItem.SpanItem> spanItems = new ArrayList<>();
    List<StoredFrameEvent> frameEvents = new ArrayList<>();
    boolean traceState = false;
    boolean others = false;
    for (Map.Entry<String, IngestItem> e : byKey.entrySet()) {
      if (seen.contains(e.getKey())) {
        continue;
      }
      fresh.add(e.getKey());
      IngestItem item = e.getValue();
      metrics.increment("events_processed_total", 1, "type", item.itemType().wire());
      if (item instanceof IngestItem.TraceItem t) {
        traceState = true;
        applyTrace(tenant, t, envelope.receivedAt(), config, c);
        continue;
      }
      others = true;
      if (item instanceof IngestItem.SpanItem s) {
        spanItems.add(s);
      } else if (item instanceof IngestItem.FrameEventItem f) {
        frameEvents.add(new StoredFrameEvent(f.event(), envelope.receivedAt()));
      } else if (item instanceof IngestItem.ManifestItem m) {
        if (artifacts.putManifest(tenant, m.manifest(), envelope.receivedAt())) {
          c.stored++;
        } else {
          c.duplicates++;
        }
      }
    }
    applySpans(tenant, spanItems, c);
    if (!frameEvents.isEmpty()) {
      int inserted = events.append(tenant, frameEvents).size();
      c.stored += inserted;
      c.duplicates += frameEvents.size() - inserted;
    }
    return new Applied(fresh, traceState, others);
  }

  void remember(TenantId tenant, List<String> keys, Instant expiresAt) {
    dedupe.remember(tenant, keys, expiresAt);
  }

  private void applyTrace(
      TenantId tenant,
      IngestItem.TraceItem item,
      Instant receivedAt,
      TenantConfig config,
      ProcessorService.Counts c) {
    switch (writer.apply(tenant, item.trace(), receivedAt, config)) {
      case STORED -> c.stored++;
      case UNCHANGED -> c.duplicates++;
      case IGNORED -> {
        c.ignored++;
        metrics.increment("lifecycle_regressions_total", 1);
      }
      case CONFLICT -> {
        c.conflicts++;
        metrics.increment("lifecycle_conflicts_total", 1, "entity", "trace");
        LOG.log(
            System.Logger.Level.WARNING,
            "TERMINAL_CONFLICT: trace {0} of tenant {1} is terminal; update to {2} rejected",
            item.traceId(),
            tenant,
            item.trace().status());
      }
    }
  }

  private void applySpans(
      TenantId tenant, List<IngestItem.SpanItem> items, ProcessorService.Counts c) {
    if (items.isEmpty()) {
      return;
    }
    Set<SpanId> ids = new HashSet<>();
    items.forEach(i -> ids.add(i.span().spanId()));
    Map<SpanId, Span> current = new HashMap<>(spans.getAll(tenant, ids));
    Map<SpanId, Span> toWrite = new LinkedHashMap<>();
    for (IngestItem.SpanItem item : items) {
      Span incoming = item.span();
      Span existing = current.get(incoming.spanId());
      Span next = incoming;
      if (existing != null) {
        SpanMergeResult r = SpanMerge.merge(existing, incoming);
        if (r instanceof SpanMergeResult.Merged m) {
          next = m.span();
        } else if (r instanceof SpanMergeResult.Unchanged) {
          c.duplicates++;
          continue;
        } else if (r instanceof SpanMergeResult.Conflict conflict) {
          c.conflicts++;
          metrics.increment("lifecycle_conflicts_total", 1, "entity", "span");
          LOG.log(
              System.Logger.Level.WARNING,
              "span {0} of tenant {1}: update refused, {2} {3}",
              incoming.spanId(),
              tenant,
              conflict.field(),
              conflict.reason());
          continue;
        }
      }
      current.put(next.spanId(), next);
      toWrite.put(next.spanId(), next);
      c.stored++;
    }
    if (!toWrite.isEmpty()) {
      spans.upsert(tenant, List.copyOf(toWrite.values()));
    }
  }

  private void duplicate(ProcessorService.Counts c, int n) {
    if (n > 0) {
      c.duplicates += n;
      metrics.increment("dedupe_hits_total", n);
    }
  }
}
