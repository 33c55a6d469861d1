package io.ovpo.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.TraceViewCache;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-memory view cache stays within its byte cap, dropping the least recently used. */
class InMemoryTraceViewCacheTest {
  private static final Duration TTL = Duration.ofSeconds(30);
  private final Fixtures fx = new Fixtures(7);
  private final MutableClock clock = MutableClock.at(Fixtures.T0);

  @Test
  void overTheCap_leastRecentlyUsedTracesGo_andTheNewestStays() {
    TraceViewCache cache =
        InMemoryAdapters.builder().clock(clock).maxViewCacheBytes(10_000).build().traceViewCache();
    TenantId tenant = fx.tenant();
    List<TraceId> traces = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      TraceId t = fx.traceId();
      traces.add(t);
      assertThat(cache.putTrace(tenant, t, "d1", stamp(cache, tenant, t), new byte[1_000], TTL))
          .isTrue();
    }
    long kept = traces.stream().filter(t -> cached(cache, tenant, t)).count();
    assertThat(kept).isBetween(1L, 9L);
    assertThat(cached(cache, tenant, traces.get(29))).isTrue();
    assertThat(cached(cache, tenant, traces.get(0))).isFalse();
  }

  @Test
  void valueLargerThanTheCap_isNotStored() {
    TraceViewCache cache =
        InMemoryAdapters.builder().clock(clock).maxViewCacheBytes(1_000).build().traceViewCache();
    TenantId tenant = fx.tenant();
    TraceId t = fx.traceId();
    assertThat(cache.putTrace(tenant, t, "d1", stamp(cache, tenant, t), new byte[2_000], TTL))
        .isFalse();
    assertThat(cache.getTrace(tenant, t, "d1")).isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void manyVariantsOfOneTrace_stayWithinTheCap() {
    TraceViewCache cache =
        InMemoryAdapters.builder().clock(clock).maxViewCacheBytes(5_000).build().traceViewCache();
    TenantId tenant = fx.tenant();
    TraceId t = fx.traceId();
    String stamp = stamp(cache, tenant, t);
    for (int i = 0; i < 20; i++) {
      assertThat(cache.putTrace(tenant, t, "d" + i, stamp, new byte[1_000], TTL)).isTrue();
    }
    int kept = 0;
    for (int i = 0; i < 20; i++) {
      kept += cache.getTrace(tenant, t, "d" + i) instanceof CacheLookup.Hit ? 1 : 0;
    }
    assertThat(kept).isBetween(1, 4);
    assertThat(cache.getTrace(tenant, t, "d19")).isInstanceOf(CacheLookup.Hit.class);
  }

  @Test
  void evictedScope_refusesItsOldStamp() {
    TraceViewCache cache =
        InMemoryAdapters.builder().clock(clock).maxViewCacheBytes(2_000).build().traceViewCache();
    TenantId tenant = fx.tenant();
    TraceId first = fx.traceId();
    String stamp = stamp(cache, tenant, first);
    for (int i = 0; i < 40; i++) {
      stamp(cache, tenant, fx.traceId()); // lookups of other traces push the first one out
    }
    assertThat(cache.putTrace(tenant, first, "d1", stamp, new byte[10], TTL)).isFalse();
  }

  private static String stamp(TraceViewCache cache, TenantId tenant, TraceId t) {
    return ((CacheLookup.Miss) cache.getTrace(tenant, t, "d1")).stamp();
  }

  private static boolean cached(TraceViewCache cache, TenantId tenant, TraceId t) {
    return cache.getTrace(tenant, t, "d1") instanceof CacheLookup.Hit;
  }
}
