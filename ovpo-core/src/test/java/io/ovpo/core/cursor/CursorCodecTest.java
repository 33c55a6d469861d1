package io.ovpo.core.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private final Fixtures fx = Fixtures.forTest("CursorCodecTest");
  private final MutableClock clock = MutableClock.at(Fixtures.T0);
  private final CursorCodec codec = new CursorCodec(SECRET, clock, CursorCodec.DEFAULT_TTL);
  private final PageKey key = new PageKey(Fixtures.T0.minusSeconds(30), fx.traceId());

  static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(Runnable r, String message) {
    return assertThatThrownBy(r::run)
        .isInstanceOf(OvpoException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((OvpoException) e).code()).isEqualTo(ErrorCode.INVALID_CURSOR));
  }

  @Test
  void traceCursor_roundTrips_andIsUrlSafeWithoutPadding() {
    String cursor = codec.encodeTraces(key);
    assertThat(cursor).matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
    assertThat(codec.decodeTraces(cursor)).isEqualTo(key);
  }

  @Test
  void cursorPayload_isTheDocumentedJson() {
    String cursor = codec.encodeTraces(key);
    String json =
        new String(
            Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))),
            StandardCharsets.UTF_8);
    assertThat(json)
        .isEqualTo(
            "{\"last_timestamp\":\"2026-03-02T09:59:30Z\",\"last_id\":\""
                + key.lastId()
                + "\",\"issued_at\":\"2026-03-02T10:00:00Z\",\"expires_at\":\"2026-03-03T10:00:00Z\""
                + ",\"kind\":\"traces\"}");
  }

  @Test
  void forgedCursor_isRejected() {
    byte[] otherSecret = Arrays.copyOf(SECRET, SECRET.length);
    otherSecret[0] ^= 1;
    String forged = new CursorCodec(otherSecret, clock, Duration.ofHours(24)).encodeTraces(key);
    assertInvalid(() -> codec.decodeTraces(forged), "cursor signature is invalid");

    // A client editing the payload cannot produce a matching signature.
    String cursor = codec.encodeTraces(key);
    String edited =
        Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    "{\"last_timestamp\":\"2030-01-01T00:00:00Z\",\"last_id\":\"x\"}"
                        .getBytes(StandardCharsets.UTF_8))
            + cursor.substring(cursor.indexOf('.'));
    assertInvalid(() -> codec.decodeTraces(edited), "cursor signature is invalid");
  }

  @Test
  void flippingUnusedBitsOfTheLastCharacter_isDetected() {
    // 32 signature bytes need 43 base64 characters, the last of which carries 4 unused bits; a
    // lenient decoder maps both spellings to the same bytes, so the codec insists on canonical
    // text.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String cursor = codec.encodeTraces(key);
    char last = cursor.charAt(cursor.length() - 1);
    char twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String tampered = cursor.substring(0, cursor.length() - 1) + twin;
    assertThat(Base64.getUrlDecoder().decode(tampered.substring(tampered.indexOf('.') + 1)))
        .isEqualTo(Base64.getUrlDecoder().decode(cursor.substring(cursor.indexOf('.') + 1)));
    assertInvalid(() -> codec.decodeTraces(tampered), "cursor is malformed");
  }

  @Test
  void expiredCursor_isRejected() {
    String cursor = codec.encodeTraces(key);
    clock.advance(Duration.ofHours(24).minusMillis(1));
    assertThat(codec.decodeTraces(cursor)).isEqualTo(key);
    clock.advance(Duration.ofMillis(1));
    assertInvalid(() -> codec.decodeTraces(cursor), "cursor expired");
  }

  @Test
  void cursorBoundToTrace() {
    TraceId trace = fx.traceId();
    EventPageKey position = new EventPageKey(17, Fixtures.T0.plusMillis(1700), fx.eventId());
    String cursor = codec.encodeEvents(trace, position);

    assertThat(codec.decodeEvents(trace, cursor)).isEqualTo(position);
    assertInvalid(
        () -> codec.decodeEvents(fx.traceId(), cursor), "cursor belongs to another trace");
  }

  @Test
  void cursorOfAnotherListing_isRejected() {
    String events =
        codec.encodeEvents(key.lastId(), new EventPageKey(1, Fixtures.T0, fx.eventId()));
    assertInvalid(() -> codec.decodeTraces(events), "cursor belongs to another listing");
    assertInvalid(
        () -> codec.decodeAudit(codec.encodeTraces(key)), "cursor belongs to another listing");
  }

  @Test
  void auditCursor_roundTrips() {
    assertThat(codec.decodeAudit(codec.encodeAudit(1234))).isEqualTo(1234);
  }

  @Test
  void garbage_isMalformed() {
    for (String s :
        new String[] {"", "abc", "a.b.c", ".", "abc.", ".abc", "a b.c", "x".repeat(5000)}) {
      assertInvalid(() -> codec.decodeTraces(s), "cursor is malformed");
    }
    assertInvalid(() -> codec.decodeTraces(null), "cursor is malformed");
  }

  @Test
  void shortSecretOrNonPositiveTtl_isRefused() {
    assertThatThrownBy(() -> new CursorCodec(new byte[31], clock, Duration.ofHours(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new CursorCodec(SECRET, clock, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void secretIsCopied_soLaterChangesToTheArrayDoNotMatter() {
    byte[] secret = SECRET.clone();
    CursorCodec c = new CursorCodec(secret, clock, Duration.ofHours(1));
    String cursor = c.encodeTraces(key);
    secret[0] ^= 1;
    assertThat(c.decodeTraces(cursor)).isEqualTo(key);
  }
}
