package io.ovpo.app.common.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.core.cache.InvalidatingTraceStore;
import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.TraceViewCache;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** OVPO_CACHE picks the view cache, and every trace-record write of the process invalidates it. */
class ViewCachingTest {
  private static final byte[] SECRET = new byte[32];

  private static Backends open(Map<String, String> env) {
    return Backends.open(OvpoConfig.load(env), Clock.systemUTC(), SECRET);
  }

  @Test
  void auto_withInMemoryStores_cachesInProcess_andWritesInvalidate() {
    try (Backends b = open(Map.of())) {
      assertThat(b.viewCache).isNotSameAs(TraceViewCache.none());
      assertThat(b.traces).isInstanceOf(InvalidatingTraceStore.class);

      TenantId tenant = TenantId.of("acme");
      TraceId trace = TraceId.random();
      String stamp = ((CacheLookup.Miss) b.viewCache.getTrace(tenant, trace, "d1")).stamp();
      b.traces.delete(tenant, List.of(trace)); // every writer of the process uses this store
      assertThat(
              b.viewCache.putTrace(tenant, trace, "d1", stamp, new byte[1], Duration.ofSeconds(3)))
          .isFalse();
    }
  }

  @Test
  void off_keepsNothing_andLeavesTheStoreAlone() {
    try (Backends b = open(Map.of("OVPO_CACHE", "off"))) {
      assertThat(b.viewCache).isSameAs(TraceViewCache.none());
      assertThat(b.traces).isNotInstanceOf(InvalidatingTraceStore.class);
    }
  }

  @Test
  void auto_withRedis_sharesTheCacheThroughRedis() {
    // Building opens no connection, so no Redis is needed here.
    try (Backends b = open(Map.of("OVPO_REDIS_URL", "redis://127.0.0.1:6379"))) {
      assertThat(b.viewCache.getClass().getSimpleName()).isEqualTo("RedisTraceViewCache");
      assertThat(b.traces).isInstanceOf(InvalidatingTraceStore.class);
    }
  }

  @Test
  void redis_withoutARedisUrl_isAConfigurationError() {
    assertThatThrownBy(() -> open(Map.of("OVPO_CACHE", "redis")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("OVPO_REDIS_URL");
  }

  @Test
  void ttlOutsideOneMillisecondToOneMinute_isAConfigurationError() {
    assertThatThrownBy(() -> open(Map.of("OVPO_CACHE_DETAIL_TTL_MS", "0")))
        .isInstanceOf(ConfigException.class);
    assertThatThrownBy(() -> open(Map.of("OVPO_CACHE_LIST_TTL_MS", "60001")))
        .isInstanceOf(ConfigException.class);
  }
}
