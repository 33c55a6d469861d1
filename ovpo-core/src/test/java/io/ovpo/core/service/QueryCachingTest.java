package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.core.cache.InvalidatingTraceStore;
import io.ovpo.core.cache.TraceViewReads;
import io.ovpo.core.cache.ViewCacheSettings;
import io.ovpo.core.cost.HardwareProfiles;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.EventsRequest;
import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListRequest;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.EnvelopeId;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.MessageType;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TraceStore;
import io.ovpo.ports.out.TraceViewCache;
import io.ovpo.ports.out.TraceViewCodec;
import io.ovpo.testkit.Fixtures;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Spec 05 §10: trace details and list pages read through the view cache, every write invalidates
 * what it changed, tenants never share entries, and a failing cache never fails a read.
 */
class QueryCachingTest {
  private Harness h;
  private Principal viewer;
  private TraceStore traces;
  private TraceViewCache cache;

  @BeforeEach
  void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
    viewer = h.principal(Role.VIEWER);
    cache = h.memory.traceViewCache();
    traces = new InvalidatingTraceStore(h.memory.traceStore(), cache);
  }

  @AfterEach
  void close() {
    h.close();
  }

  // ---- wiring as the apps do it: the processor, the query side and admin share the cache ----

  private QueryService query(TraceViewCache c, SpanStore spans, ViewCacheSettings settings) {
    return new QueryService(
        traces,
        spans,
        h.memory.frameEventStore(),
        h.memory.artifactStore(),
        h.cursors,
        h.audit,
        HardwareProfiles.defaultsOnly(),
        h.memory.tenantStore(),
        h.clock,
        new TraceViewReads(c, new HandleCodec(), settings, h.clock, h.metrics));
  }

  private QueryService query() {
    return query(cache, h.memory.spanStore(), ViewCacheSettings.DEFAULT);
  }

  private ProcessorService processor(TraceViewCache c) {
    return new ProcessorService(
        new InvalidatingTraceStore(h.memory.traceStore(), c),
        h.memory.spanStore(),
        h.memory.frameEventStore(),
        h.memory.artifactStore(),
        h.memory.dedupeStore(),
        h.memory.tombstoneStore(),
        h.memory.reconciliationStore(),
        h.memory.tenantStore(),
        HardwareProfiles.defaultsOnly(),
        h.codec,
        h.clock,
        h.metrics,
        ProcessorSettings.DEFAULT,
        c);
  }

  private void process(TenantId tenant, IngestItem... items) {
    byte[] payload = h.codec.encode(List.of(items));
    processor(cache)
        .process(
            new Envelope(
                EnvelopeId.random(),
                tenant,
                h.clock.instant(),
                MessageType.MIXED,
                tenant.value() + ":" + items[0].traceId().value(),
                payload,
                Fixtures.sha256Hex(payload),
                1));
  }

  private IngestItem.TraceItem running(TraceId id) {
    return new IngestItem.TraceItem(h.fx.trace().id(id).status(TraceStatus.RUNNING).build());
  }

  private IngestItem.TraceItem completed(TraceId id) {
    return new IngestItem.TraceItem(
        h.fx
            .trace()
            .id(id)
            .status(TraceStatus.COMPLETED)
            .ran(Duration.ofSeconds(1), 1_000)
            .build());
  }

  private IngestItem.SpanItem span(TraceId id) {
    return new IngestItem.SpanItem(h.fx.span(id).build());
  }

  private TraceDetail detail(QueryService q, TraceId id) {
    return q.get(viewer, Harness.request(), id, EventsRequest.firstPage());
  }

  private static TraceListRequest allTraces() {
    return new TraceListRequest(Set.of(), TimeRange.all(), Tags.empty(), 50, Optional.empty());
  }

  private long count(String view, String result) {
    return h.metrics.count("view_cache_requests_total", "view", view, "result", result);
  }

  // ---- reads ----

  @Test
  void secondDetailRead_isServedFromTheCache_andStillAudited() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t), span(t));
    QueryService q = query();

    TraceDetail first = detail(q, t);
    TraceDetail second = detail(q, t);

    assertThat(second).isEqualTo(first);
    assertThat(count("detail", "miss")).isEqualTo(1);
    assertThat(count("detail", "hit")).isEqualTo(1);
    assertThat(
            h.memory
                .auditLog()
                .list(
                    new AuditQuery(
                        h.tenant,
                        Optional.of(AuditAction.TRACE_ACCESS),
                        TimeRange.all(),
                        OptionalLong.empty(),
                        10)))
        .hasSize(2);
  }

  @Test
  void listPage_isCached_perNormalizedQuery() {
    process(h.tenant, running(h.fx.traceId()));
    QueryService q = query();
    q.list(viewer, Harness.request(), allTraces());
    q.list(viewer, Harness.request(), allTraces());
    q.list(
        viewer,
        Harness.request(),
        new TraceListRequest(
            Set.of(TraceStatus.RUNNING), TimeRange.all(), Tags.empty(), 50, Optional.empty()));
    assertThat(count("list", "hit")).isEqualTo(1);
    assertThat(count("list", "miss")).isEqualTo(2);
  }

  @Test
  void entry_isReloadedOnceItsTtlPassed() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t));
    QueryService q = query();
    detail(q, t);
    h.clock.advance(ViewCacheSettings.DEFAULT.detailTtl().plusMillis(1));
    detail(q, t);
    assertThat(count("detail", "miss")).isEqualTo(2);
  }

  // ---- writes invalidate ----

  @Test
  void spanWrittenAfterARead_isInTheNextRead_withoutWaitingForTheTtl() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t), span(t));
    QueryService q = query();
    assertThat(detail(q, t).spans()).hasSize(1);

    process(h.tenant, span(t));

    assertThat(detail(q, t).spans()).hasSize(2);
  }

  @Test
  void traceStateChange_isInTheNextDetailAndListRead() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t));
    QueryService q = query();
    assertThat(detail(q, t).trace().status()).isEqualTo(TraceStatus.RUNNING);
    assertThat(q.list(viewer, Harness.request(), allTraces()).data().get(0).status())
        .isEqualTo(TraceStatus.RUNNING);

    process(h.tenant, completed(t));

    assertThat(detail(q, t).trace().status()).isNotEqualTo(TraceStatus.RUNNING);
    assertThat(q.list(viewer, Harness.request(), allTraces()).data().get(0).status())
        .isNotEqualTo(TraceStatus.RUNNING);
  }

  @Test
  void legalHold_isInTheNextRead() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t));
    QueryService q = query();
    assertThat(detail(q, t).trace().trace().legalHold()).isFalse();
    AdminService admin =
        new AdminService(
            h.memory.tenantStore(),
            h.memory.apiKeyStore(),
            traces,
            h.audit,
            new SecureRandom(),
            h.clock);

    admin.setLegalHold(h.principal(Role.ADMIN), Harness.request(), t, true);

    assertThat(detail(q, t).trace().trace().legalHold()).isTrue();
  }

  @Test
  void deletedTrace_isNotFound_rightAfterTheDeletion() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t));
    QueryService q = query();
    detail(q, t);
    assertThat(q.list(viewer, Harness.request(), allTraces()).data()).hasSize(1);

    traces.delete(h.tenant, List.of(t)); // what retention and user deletion call

    assertThatThrownBy(() -> detail(q, t))
        .isInstanceOf(OvpoException.class)
        .extracting(e -> ((OvpoException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(q.list(viewer, Harness.request(), allTraces()).data()).isEmpty();
  }

  @Test
  void snapshotLoadedWhileAWriteCommits_isNotKept() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t), span(t));
    AtomicLong loads = new AtomicLong();
    SpanStore racing =
        new DelegatingSpanStore(h.memory.spanStore()) {
          @Override
          public List<Span> byTrace(TenantId tenant, TraceId traceId) {
            List<Span> before = super.byTrace(tenant, traceId);
            if (loads.incrementAndGet() == 1) {
              process(tenant, span(traceId)); // commits and invalidates mid-load
            }
            return before;
          }
        };
    QueryService q = query(cache, racing, ViewCacheSettings.DEFAULT);

    assertThat(detail(q, t).spans()).hasSize(1); // loaded before the write: fine to answer once
    assertThat(detail(q, t).spans()).hasSize(2); // but never served again after it
    assertThat(count("detail", "hit")).isZero();
  }

  // ---- tenants ----

  @Test
  void anotherTenant_neverSeesACachedView_evenForTheSameTraceId() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t));
    QueryService q = query();
    detail(q, t);
    q.list(viewer, Harness.request(), allTraces());

    TenantId other = h.fx.tenant();
    h.memory.tenantStore().create(h.fx.tenantRecord(other));
    Principal stranger = h.principal(other, Role.ADMIN);

    assertThatThrownBy(() -> q.get(stranger, Harness.request(), t, EventsRequest.firstPage()))
        .isInstanceOf(OvpoException.class)
        .extracting(e -> ((OvpoException) e).code())
        .isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(q.list(stranger, Harness.request(), allTraces()).data()).isEmpty();
  }

  @Test
  void entryNamingAnotherTenant_isNeverServed() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t));
    TenantId other = h.fx.tenant();
    h.memory.tenantStore().create(h.fx.tenantRecord(other));
    process(other, running(t));
    // A cache that mixes up tenants (a bug, a shared key): core checks what it decodes.
    TraceViewCache mixedUp =
        new DelegatingCache(cache) {
          @Override
          public CacheLookup getTrace(TenantId tenant, TraceId traceId, String variant) {
            return super.getTrace(h.tenant, traceId, variant);
          }
        };
    QueryService q = query(mixedUp, h.memory.spanStore(), ViewCacheSettings.DEFAULT);
    detail(q, t); // cached under h.tenant

    TraceDetail seenByOther =
        q.get(h.principal(other, Role.VIEWER), Harness.request(), t, EventsRequest.firstPage());

    assertThat(seenByOther.trace().tenantId()).isEqualTo(other);
    assertThat(h.metrics.count("view_cache_errors_total", "view", "detail", "op", "mismatch"))
        .isEqualTo(1);
  }

  // ---- failures ----

  @Test
  void cacheDown_readsAreServedFromTheStores_andSkipTheCacheForAWhile() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t));
    AtomicLong calls = new AtomicLong();
    TraceViewCache down = new DownCache(calls);
    QueryService q = query(down, h.memory.spanStore(), ViewCacheSettings.DEFAULT);

    assertThat(detail(q, t).trace().traceId()).isEqualTo(t);
    assertThat(q.list(viewer, Harness.request(), allTraces()).data()).hasSize(1);
    assertThat(detail(q, t).trace().traceId()).isEqualTo(t);

    assertThat(calls.get()).isEqualTo(1); // the first failure paused the cache
    assertThat(count("detail", "skipped")).isEqualTo(1);
    assertThat(count("list", "skipped")).isEqualTo(1);
    h.clock.advance(ViewCacheSettings.DEFAULT.pauseAfterFailure());
    detail(q, t);
    assertThat(calls.get()).isEqualTo(2); // tried again after the pause
  }

  @Test
  void failedInvalidation_failsTheWrite_soTheEnvelopeIsRetried() {
    TraceId t = h.fx.traceId();
    IngestItem.SpanItem item = span(t);
    ProcessorService failing = processor(new DownCache(new AtomicLong()));
    assertThatThrownBy(() -> failing.process(h.envelope(item)))
        .isInstanceOf(StoreUnavailableException.class);
    // nothing was remembered: the redelivery writes (idempotently) and invalidates again
    process(h.tenant, item);
    assertThat(h.memory.spanStore().byTrace(h.tenant, t)).hasSize(1);
  }

  @Test
  void oversizedView_isServedButNotCached() {
    TraceId t = h.fx.traceId();
    process(h.tenant, running(t));
    ViewCacheSettings tiny =
        new ViewCacheSettings(Duration.ofSeconds(3), Duration.ofSeconds(3), 4, Duration.ZERO);
    QueryService q = query(cache, h.memory.spanStore(), tiny);
    detail(q, t);
    detail(q, t);
    assertThat(count("detail", "miss")).isEqualTo(2);
    assertThat(h.metrics.count("view_cache_oversized_total")).isEqualTo(2);
  }

  // ---- fakes ----

  /**
   * Keeps the views themselves and hands out 8-byte handles: core's tests need no JSON codec (the
   * real one is tested in ovpo-wire).
   */
  private static final class HandleCodec implements TraceViewCodec {
    private final ConcurrentHashMap<Long, Object> views = new ConcurrentHashMap<>();
    private final AtomicLong next = new AtomicLong();

    private byte[] handle(Object view) {
      long id = next.incrementAndGet();
      views.put(id, view);
      return ByteBuffer.allocate(8).putLong(id).array();
    }

    private Object view(byte[] bytes) {
      Object v = views.get(ByteBuffer.wrap(bytes).getLong());
      if (v == null) {
        throw new IllegalArgumentException("unknown handle");
      }
      return v;
    }

    @Override
    public byte[] encodeDetail(TraceDetail detail) {
      return handle(detail);
    }

    @Override
    public TraceDetail decodeDetail(byte[] bytes) {
      return (TraceDetail) view(bytes);
    }

    @Override
    public byte[] encodeList(TraceListResult page) {
      return handle(page);
    }

    @Override
    public TraceListResult decodeList(byte[] bytes) {
      return (TraceListResult) view(bytes);
    }
  }

  /** Redis when it cannot be reached: every call throws. */
  private static final class DownCache implements TraceViewCache {
    private final AtomicLong calls;

    DownCache(AtomicLong calls) {
      this.calls = calls;
    }

    private StoreUnavailableException down() {
      calls.incrementAndGet();
      return new StoreUnavailableException("redis", "connection refused", null);
    }

    @Override
    public CacheLookup getTrace(TenantId tenant, TraceId traceId, String variant) {
      throw down();
    }

    @Override
    public boolean putTrace(
        TenantId tenant,
        TraceId traceId,
        String variant,
        String stamp,
        byte[] value,
        Duration ttl) {
      throw down();
    }

    @Override
    public CacheLookup getList(TenantId tenant, String query) {
      throw down();
    }

    @Override
    public boolean putList(
        TenantId tenant, String query, String stamp, byte[] value, Duration ttl) {
      throw down();
    }

    @Override
    public void invalidate(TenantId tenant, Collection<TraceId> traceIds) {
      throw down();
    }

    @Override
    public void invalidateLists(TenantId tenant) {
      throw down();
    }

    @Override
    public HealthStatus check() {
      return HealthStatus.down("redis", "connection refused");
    }
  }

  /** A cache that forwards everything; tests override what they bend. */
  private static class DelegatingCache implements TraceViewCache {
    private final TraceViewCache cache;

    DelegatingCache(TraceViewCache cache) {
      this.cache = cache;
    }

    @Override
    public CacheLookup getTrace(TenantId tenant, TraceId traceId, String variant) {
      return cache.getTrace(tenant, traceId, variant);
    }

    @Override
    public boolean putTrace(
        TenantId tenant,
        TraceId traceId,
        String variant,
        String stamp,
        byte[] value,
        Duration ttl) {
      return cache.putTrace(tenant, traceId, variant, stamp, value, ttl);
    }

    @Override
    public CacheLookup getList(TenantId tenant, String query) {
      return cache.getList(tenant, query);
    }

    @Override
    public boolean putList(
        TenantId tenant, String query, String stamp, byte[] value, Duration ttl) {
      return cache.putList(tenant, query, stamp, value, ttl);
    }

    @Override
    public void invalidate(TenantId tenant, Collection<TraceId> traceIds) {
      cache.invalidate(tenant, traceIds);
    }

    @Override
    public void invalidateLists(TenantId tenant) {
      cache.invalidateLists(tenant);
    }

    @Override
    public HealthStatus check() {
      return cache.check();
    }
  }
}
