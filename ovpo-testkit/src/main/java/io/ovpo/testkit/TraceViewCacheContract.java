package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.model.CacheLookup;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.TraceViewCache;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TraceViewCache}: exact bytes per tenant and key, TTLs, invalidation of a
 * trace's variants or a tenant's list pages, and stamps that keep a snapshot loaded before an
 * invalidation from ever being stored after it. Implement {@link #newStore()}; a cache whose TTLs
 * run on its backend's clock overrides {@link #usesBackendClock()} (the short TTL here is 0.6 s).
 */
public abstract class TraceViewCacheContract<C extends TraceViewCache> extends StoreContract<C> {
  private static final Duration TTL = Duration.ofSeconds(30);
  private static final Duration SHORT = Duration.ofMillis(600);
  private static final Duration MARGIN = Duration.ofMillis(250);

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void firstLookup_misses() {
    assertThat(store.getTrace(fx.tenant(), fx.traceId(), "d1"))
        .isInstanceOf(CacheLookup.Miss.class);
    assertThat(store.getList(fx.tenant(), "q1")).isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void put_thenGet_returnsTheExactBytes() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    byte[] value = new byte[256 * 4];
    for (int i = 0; i < value.length; i++) {
      value[i] = (byte) i; // every byte value, zeros and high bytes included
    }
    assertThat(store.putTrace(tenant, trace, "d1", stamp(tenant, trace, "d1"), value, TTL))
        .isTrue();
    assertThat(hit(store.getTrace(tenant, trace, "d1"))).isEqualTo(value);
    assertThat(store.putList(tenant, "q1", listStamp(tenant, "q1"), value, TTL)).isTrue();
    assertThat(hit(store.getList(tenant, "q1"))).isEqualTo(value);
  }

  @Test
  void emptyValue_isKept() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.putTrace(tenant, trace, "d1", stamp(tenant, trace, "d1"), new byte[0], TTL);
    assertThat(hit(store.getTrace(tenant, trace, "d1"))).isEmpty();
  }

  @Test
  void storedValue_isACopy_ofTheCallersArray() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    byte[] value = bytes("v1");
    store.putTrace(tenant, trace, "d1", stamp(tenant, trace, "d1"), value, TTL);
    value[0] = 'X';
    byte[] read = hit(store.getTrace(tenant, trace, "d1"));
    read[1] = 'X';
    assertThat(hit(store.getTrace(tenant, trace, "d1"))).isEqualTo(bytes("v1"));
  }

  @Test
  void variantsOfOneTrace_areKeptApart() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.putTrace(tenant, trace, "d20000", stamp(tenant, trace, "d20000"), bytes("a"), TTL);
    store.putTrace(tenant, trace, "d10", stamp(tenant, trace, "d10"), bytes("b"), TTL);
    assertThat(hit(store.getTrace(tenant, trace, "d20000"))).isEqualTo(bytes("a"));
    assertThat(hit(store.getTrace(tenant, trace, "d10"))).isEqualTo(bytes("b"));
  }

  @Test
  void entries_areNeverSeenByAnotherTenant() {
    TenantId a = fx.tenant();
    TenantId b = fx.tenant();
    TraceId trace = fx.traceId();
    store.putTrace(a, trace, "d1", stamp(a, trace, "d1"), bytes("a's"), TTL);
    store.putList(a, "q1", listStamp(a, "q1"), bytes("a's page"), TTL);
    assertThat(store.getTrace(b, trace, "d1")).isInstanceOf(CacheLookup.Miss.class);
    assertThat(store.getList(b, "q1")).isInstanceOf(CacheLookup.Miss.class);
    // and b's invalidations leave a's entries alone
    store.invalidate(b, List.of(trace));
    store.invalidateLists(b);
    assertThat(hit(store.getTrace(a, trace, "d1"))).isEqualTo(bytes("a's"));
    assertThat(hit(store.getList(a, "q1"))).isEqualTo(bytes("a's page"));
  }

  @Test
  void putAgain_replacesTheValue() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    String stamp = stamp(tenant, trace, "d1");
    assertThat(store.putTrace(tenant, trace, "d1", stamp, bytes("v1"), TTL)).isTrue();
    assertThat(store.putTrace(tenant, trace, "d1", stamp, bytes("v2"), TTL)).isTrue();
    assertThat(hit(store.getTrace(tenant, trace, "d1"))).isEqualTo(bytes("v2"));
  }

  @Test
  void afterAnInvalidation_aFreshStampStoresAgain() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.putTrace(tenant, trace, "d1", stamp(tenant, trace, "d1"), bytes("v1"), TTL);
    store.invalidate(tenant, List.of(trace));
    assertThat(store.putTrace(tenant, trace, "d1", stamp(tenant, trace, "d1"), bytes("v2"), TTL))
        .isTrue();
    assertThat(hit(store.getTrace(tenant, trace, "d1"))).isEqualTo(bytes("v2"));
  }

  @Test
  void invalidate_dropsEveryVariantOfThoseTraces_only() {
    TenantId tenant = fx.tenant();
    TraceId changed = fx.traceId();
    TraceId other = fx.traceId();
    store.putTrace(tenant, changed, "d1", stamp(tenant, changed, "d1"), bytes("1"), TTL);
    store.putTrace(tenant, changed, "d2", stamp(tenant, changed, "d2"), bytes("2"), TTL);
    store.putTrace(tenant, other, "d1", stamp(tenant, other, "d1"), bytes("3"), TTL);
    store.putList(tenant, "q1", listStamp(tenant, "q1"), bytes("page"), TTL);

    store.invalidate(tenant, List.of(changed));

    assertThat(store.getTrace(tenant, changed, "d1")).isInstanceOf(CacheLookup.Miss.class);
    assertThat(store.getTrace(tenant, changed, "d2")).isInstanceOf(CacheLookup.Miss.class);
    assertThat(hit(store.getTrace(tenant, other, "d1"))).isEqualTo(bytes("3"));
    assertThat(hit(store.getList(tenant, "q1"))).isEqualTo(bytes("page"));
  }

  @Test
  void invalidateLists_dropsEveryPageOfTheTenant_only() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.putList(tenant, "q1", listStamp(tenant, "q1"), bytes("p1"), TTL);
    store.putList(tenant, "q2", listStamp(tenant, "q2"), bytes("p2"), TTL);
    store.putTrace(tenant, trace, "d1", stamp(tenant, trace, "d1"), bytes("t"), TTL);

    store.invalidateLists(tenant);

    assertThat(store.getList(tenant, "q1")).isInstanceOf(CacheLookup.Miss.class);
    assertThat(store.getList(tenant, "q2")).isInstanceOf(CacheLookup.Miss.class);
    assertThat(hit(store.getTrace(tenant, trace, "d1"))).isEqualTo(bytes("t"));
  }

  @Test
  void snapshotLoadedBeforeAnInvalidation_isNeverStoredAfterIt() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    String stamp = stamp(tenant, trace, "d1"); // a reader misses and starts loading
    store.invalidate(tenant, List.of(trace)); // a writer commits and invalidates
    assertThat(store.putTrace(tenant, trace, "d1", stamp, bytes("old"), TTL)).isFalse();
    assertThat(store.getTrace(tenant, trace, "d1")).isInstanceOf(CacheLookup.Miss.class);

    String listStamp = listStamp(tenant, "q1");
    store.invalidateLists(tenant);
    assertThat(store.putList(tenant, "q1", listStamp, bytes("old"), TTL)).isFalse();
    assertThat(store.getList(tenant, "q1")).isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void stampFromBeforeAnInvalidation_isRefusedForEveryVariant() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    String stamp = stamp(tenant, trace, "d1");
    store.invalidate(tenant, List.of(trace));
    store.invalidate(tenant, List.of(fx.traceId())); // later invalidations elsewhere change nothing
    assertThat(store.putTrace(tenant, trace, "d2", stamp, bytes("old"), TTL)).isFalse();
    assertThat(store.getTrace(tenant, trace, "d2")).isInstanceOf(CacheLookup.Miss.class);
  }

  @Test
  void invalidationsElsewhere_keepAStampGood() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    String stamp = stamp(tenant, trace, "d1");
    store.invalidate(tenant, List.of(fx.traceId()));
    store.invalidate(fx.tenant(), List.of(trace));
    store.invalidateLists(tenant);
    assertThat(store.putTrace(tenant, trace, "d1", stamp, bytes("fresh"), TTL)).isTrue();
    assertThat(hit(store.getTrace(tenant, trace, "d1"))).isEqualTo(bytes("fresh"));
  }

  @Test
  void stamp_isBoundToTheScopeItWasIssuedFor() {
    TenantId tenant = fx.tenant();
    TraceId a = fx.traceId();
    TraceId b = fx.traceId();
    String stampOfA = stamp(tenant, a, "d1");
    stamp(tenant, b, "d1");
    store.invalidate(tenant, List.of(b));
    assertThat(store.putTrace(tenant, b, "d1", stampOfA, bytes("x"), TTL)).isFalse();
    assertThat(store.putTrace(fx.tenant(), a, "d1", stampOfA, bytes("x"), TTL)).isFalse();
  }

  @Test
  void entry_isGoneAfterItsTtl() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.putTrace(tenant, trace, "short", stamp(tenant, trace, "short"), bytes("s"), SHORT);
    store.putTrace(tenant, trace, "long", stamp(tenant, trace, "long"), bytes("l"), TTL);
    store.putList(tenant, "q1", listStamp(tenant, "q1"), bytes("p"), SHORT);
    assertThat(store.getTrace(tenant, trace, "short")).isInstanceOf(CacheLookup.Hit.class);

    elapse(SHORT.plus(MARGIN));

    assertThat(store.getTrace(tenant, trace, "short")).isInstanceOf(CacheLookup.Miss.class);
    assertThat(store.getList(tenant, "q1")).isInstanceOf(CacheLookup.Miss.class);
    assertThat(hit(store.getTrace(tenant, trace, "long"))).isEqualTo(bytes("l"));
  }

  @Test
  void invalidatingNothing_orUnknownTraces_isANoOp() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    store.putTrace(tenant, trace, "d1", stamp(tenant, trace, "d1"), bytes("v"), TTL);
    store.invalidate(tenant, List.of());
    store.invalidate(tenant, List.of(fx.traceId(), fx.traceId()));
    assertThat(hit(store.getTrace(tenant, trace, "d1"))).isEqualTo(bytes("v"));
  }

  @Test
  void badKeysAndTtls_areRefused() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    String stamp = stamp(tenant, trace, "d1");
    for (String bad : List.of("", "has space", "new\nline", "x".repeat(129))) {
      assertThatThrownBy(() -> store.getTrace(tenant, trace, bad))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.getList(tenant, bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
    for (Duration bad :
        List.of(Duration.ZERO, Duration.ofMillis(-1), TraceViewCache.MAX_TTL.plusMillis(1))) {
      assertThatThrownBy(() -> store.putTrace(tenant, trace, "d1", stamp, bytes("v"), bad))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> store.putList(tenant, "q1", stamp, bytes("v"), bad))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  /**
   * Readers fill the cache from a "store" while a writer keeps changing it and invalidating after
   * each change: a read that starts after an invalidation returned never sees an older value.
   */
  @Test
  void concurrentReadersAndWriter_neverSeeAValueOlderThanTheLastInvalidation() {
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    AtomicLong stored = new AtomicLong(); // the store's current version
    AtomicLong invalidated = new AtomicLong(); // newest version whose invalidation returned
    int writes = 150;
    Concurrently.runAll(
        5,
        i -> {
          if (i == 0) {
            for (long v = 1; v <= writes; v++) {
              stored.set(v);
              store.invalidate(tenant, List.of(trace));
              invalidated.set(v);
            }
            return;
          }
          while (invalidated.get() < writes) {
            long floor = invalidated.get();
            CacheLookup found = store.getTrace(tenant, trace, "d1");
            if (found instanceof CacheLookup.Hit h) {
              long seen = Long.parseLong(new String(h.value(), StandardCharsets.UTF_8));
              assertThat(seen).isGreaterThanOrEqualTo(floor);
            } else {
              String s = ((CacheLookup.Miss) found).stamp();
              byte[] loaded = Long.toString(stored.get()).getBytes(StandardCharsets.UTF_8);
              store.putTrace(tenant, trace, "d1", s, loaded, TTL);
            }
          }
        });
    // After the last invalidation, whatever a reader managed to store is the last version.
    if (store.getTrace(tenant, trace, "d1") instanceof CacheLookup.Hit last) {
      assertThat(last.value()).isEqualTo(bytes("" + writes));
    }
  }

  // ---- helpers ----

  private String stamp(TenantId tenant, TraceId trace, String variant) {
    CacheLookup found = store.getTrace(tenant, trace, variant);
    assertThat(found).isInstanceOf(CacheLookup.Miss.class);
    return ((CacheLookup.Miss) found).stamp();
  }

  private String listStamp(TenantId tenant, String query) {
    CacheLookup found = store.getList(tenant, query);
    assertThat(found).isInstanceOf(CacheLookup.Miss.class);
    return ((CacheLookup.Miss) found).stamp();
  }

  private static byte[] hit(CacheLookup found) {
    assertThat(found).isInstanceOf(CacheLookup.Hit.class);
    return ((CacheLookup.Hit) found).value();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
