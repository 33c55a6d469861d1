package io.ovpo.core.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.MutableClock;
import java.time.Duration;
import java.time.Instant;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class CursorCodecProperties {
  private final CursorCodec codec =
      new CursorCodec(CursorCodecTest.SECRET, MutableClock.at(Fixtures.T0), Duration.ofHours(24));
  private final TenantId tenant = TenantId.of("acme");

  @Property(tries = 300)
  void traceCursor_roundTrips(
      @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long millis,
      @ForAll("ids") TraceId id) {
    PageKey key = new PageKey(Instant.ofEpochMilli(millis), id);
    assertThat(codec.decodeTraces(tenant, codec.encodeTraces(tenant, key))).isEqualTo(key);
  }

  @Property(tries = 300)
  void eventCursor_roundTrips(
      @ForAll @LongRange(min = 0, max = 10_000_000) long frame,
      @ForAll @LongRange(min = 0, max = 4_102_444_800_000L) long millis,
      @ForAll("ids") TraceId trace) {
    EventPageKey key =
        new EventPageKey(frame, Instant.ofEpochMilli(millis), EventId.of(trace.value()));
    assertThat(codec.decodeEvents(tenant, trace, codec.encodeEvents(tenant, trace, key)))
        .isEqualTo(key);
  }

  @Property(tries = 300)
  void auditCursor_roundTrips(@ForAll @LongRange(min = 0) long sequence) {
    assertThat(codec.decodeAudit(tenant, codec.encodeAudit(tenant, sequence))).isEqualTo(sequence);
  }

  @Property(tries = 400)
  void anySingleCharacterTamper_isDetected(
      @ForAll("ids") TraceId id,
      @ForAll @IntRange(min = 0, max = 10_000) int position,
      @ForAll @CharRange(from = ' ', to = '~') char replacement) {
    String cursor = codec.encodeTraces(tenant, new PageKey(Fixtures.T0, id));
    int i = position % cursor.length();
    if (cursor.charAt(i) == replacement) {
      return;
    }
    String tampered = cursor.substring(0, i) + replacement + cursor.substring(i + 1);
    assertThatThrownBy(() -> codec.decodeTraces(tenant, tampered))
        .isInstanceOf(OvpoException.class)
        .satisfies(e -> assertThat(((OvpoException) e).code()).isEqualTo(ErrorCode.INVALID_CURSOR));
  }

  @Property(tries = 200)
  void cursorOfOneTenant_isInvalidCursorForAnyOther(
      @ForAll("ids") TraceId id, @ForAll("tenants") TenantId other) {
    if (other.equals(tenant)) {
      return;
    }
    String cursor = codec.encodeTraces(tenant, new PageKey(Fixtures.T0, id));
    assertThatThrownBy(() -> codec.decodeTraces(other, cursor))
        .isInstanceOf(OvpoException.class)
        .satisfies(e -> assertThat(((OvpoException) e).code()).isEqualTo(ErrorCode.INVALID_CURSOR));
  }

  @Provide
  Arbitrary<TenantId> tenants() {
    return Arbitraries.strings()
        .withChars("abcdefghijklmnopqrstuvwxyz0123456789_-")
        .ofMinLength(2)
        .ofMaxLength(20)
        .map(s -> TenantId.of("t" + s));
  }

  @Provide
  Arbitrary<TraceId> ids() {
    return Arbitraries.randomValue(r -> new Fixtures(r.nextLong()).traceId());
  }
}
