package io.ovpo.ports.out;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.Page;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceQuery;
import io.ovpo.ports.model.TraceRecord;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Trace metadata of every tenant. Every read is scoped to one tenant: a trace of another tenant is
 * indistinguishable from one that does not exist. Transient backend failures throw {@link
 * io.ovpo.ports.error.StoreUnavailableException}.
 */
public interface TraceStore extends HealthCheck {
  /** The trace, or empty when this tenant has none with that id. */
  Optional<TraceRecord> get(TenantId tenant, TraceId traceId);

  /**
   * Writes a record with optimistic concurrency: inserts when {@code expectedVersion} is 0 and no
   * record exists; otherwise replaces the stored record only if its version equals {@code
   * expectedVersion}. {@code record.version()} must be {@code expectedVersion + 1}.
   *
   * @return false (and no change) when the stored version differs: re-read and retry
   */
  boolean put(TraceRecord record, long expectedVersion);

  /**
   * One page of the query's tenant, ordered by created_at DESC then trace_id DESC, starting
   * strictly after {@code query.after()}; {@code hasMore} tells whether items remain. Stable when
   * traces are added during a walk (keyset, never offsets).
   */
  Page<TraceRecord> list(TraceQuery query);

  /**
   * A dashboard series over traces whose created_at lies in {@code range} and whose tags contain
   * {@code tags}, in ascending bucket order; see {@link TimeseriesMetric} for each definition.
   */
  List<TimeBucket> timeseries(
      TenantId tenant, TimeseriesMetric metric, BucketWidth bucket, TimeRange range, Tags tags);

  /** Ids of the tenant's traces with this user_id_hash, ascending by id, after {@code after}. */
  List<TraceId> findByUserIdHash(
      TenantId tenant, String userIdHash, Optional<TraceId> after, int limit);

  /**
   * Retention's walk: the tenant's traces first received before {@code cutoff}, oldest first
   * (first_received_at ASC, trace_id ASC), strictly after {@code after} (a key of
   * (first_received_at, trace_id)), at most {@code limit}. Legal hold is not filtered here.
   */
  List<TraceRecord> receivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit);

  /**
   * Like {@link #receivedBefore}, but only traces whose frame events have not expired yet ({@link
   * TraceRecord#frameEventsExpired()} false), so the frame-event walk skips what it already did.
   */
  List<TraceRecord> framesKeptReceivedBefore(
      TenantId tenant, Instant cutoff, Optional<PageKey> after, int limit);

  /** Hard-deletes these traces of the tenant; unknown ids are ignored. Returns how many went. */
  int delete(TenantId tenant, Collection<TraceId> traceIds);
}
