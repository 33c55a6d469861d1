package io.ovpo.core.cursor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class CursorCodecTest {
  static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private final Fixtures fx = Fixtures.forTest("CursorCodecTest");
  private final MutableClock clock = MutableClock.at(Fixtures.T0);
  private final CursorCodec codec = new CursorCodec(SECRET, clock, CursorCodec.DEFAULT_TTL);
  private final TenantId tenant = fx.tenant();
  private final TenantId otherTenant = fx.tenant();
  private final PageKey key = new PageKey(Fixtures.T0.minusSeconds(30), fx.traceId());

  static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(Runnable r, String message) {
    return assertThatThrownBy(r::run)
        .isInstanceOf(OvpoException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((OvpoException) e).code()).isEqualTo(ErrorCode.INVALID_CURSOR));
  }

  private static String payloadJson(String cursor) {
    return new String(
        Base64.getUrlDecoder().decode(cursor.substring(0, cursor.indexOf('.'))),
        StandardCharsets.UTF_8);
  }

  /**
   * HMAC-SHA256 over the ASCII of {@code B64(payload) "\n" tenant_id "\n" scope}, as spec 05 §3.
   */
  private static String specSignature(String b64Payload, String tenantId, String scope)
      throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    return B64.encodeToString(
        mac.doFinal(
            (b64Payload + "\n" + tenantId + "\n" + scope).getBytes(StandardCharsets.US_ASCII)));
  }

  /** The cursor {@code original} with its payload replaced and re-signed for tenant and scope. */
  private static String resigned(String json, String tenantId, String scope) throws Exception {
    String payload = B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    return payload + "." + specSignature(payload, tenantId, scope);
  }

  @Test
  void traceCursor_roundTrips_andIsUrlSafeWithoutPadding() {
    String cursor = codec.encodeTraces(tenant, key);
    assertThat(cursor).matches("^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$");
    assertThat(codec.decodeTraces(tenant, cursor)).isEqualTo(key);
  }

  @Test
  void cursorPayloads_holdExactlyTheSpecFields() {
    assertThat(payloadJson(codec.encodeTraces(tenant, key)))
        .isEqualTo(
            "{\"last_timestamp\":\"2026-03-02T09:59:30.000Z\",\"last_id\":\""
                + key.lastId()
                + "\",\"issued_at\":\"2026-03-02T10:00:00.000Z\""
                + ",\"expires_at\":\"2026-03-03T10:00:00.000Z\"}");
    EventPageKey position = new EventPageKey(17, Fixtures.T0.plusMillis(1700), fx.eventId());
    assertThat(payloadJson(codec.encodeEvents(tenant, key.lastId(), position)))
        .isEqualTo(
            "{\"last_frame_index\":17,\"last_observed_at\":\"2026-03-02T10:00:01.700Z\""
                + ",\"last_id\":\""
                + position.eventId()
                + "\",\"issued_at\":\"2026-03-02T10:00:00.000Z\""
                + ",\"expires_at\":\"2026-03-03T10:00:00.000Z\"}");
    assertThat(payloadJson(codec.encodeAudit(tenant, 42)))
        .isEqualTo(
            "{\"last_sequence\":42,\"issued_at\":\"2026-03-02T10:00:00.000Z\""
                + ",\"expires_at\":\"2026-03-03T10:00:00.000Z\"}");
  }

  @Test
  void signature_coversPayloadTenantAndScope_asTheSpecSpells() throws Exception {
    TraceId trace = fx.traceId();
    String traces = codec.encodeTraces(tenant, key);
    String events =
        codec.encodeEvents(tenant, trace, new EventPageKey(1, Fixtures.T0, fx.eventId()));
    String audit = codec.encodeAudit(tenant, 7);
    for (String[] c :
        new String[][] {
          {traces, "traces"}, {events, "events:" + trace.value()}, {audit, "audit"}
        }) {
      int dot = c[0].indexOf('.');
      assertThat(c[0].substring(dot + 1))
          .as(c[1])
          .isEqualTo(specSignature(c[0].substring(0, dot), tenant.value(), c[1]));
    }
  }

  @Test
  void cursorOfOneTenant_isInvalidForAnother() {
    TraceId trace = fx.traceId();
    String traces = codec.encodeTraces(tenant, key);
    String events =
        codec.encodeEvents(tenant, trace, new EventPageKey(1, Fixtures.T0, fx.eventId()));
    String audit = codec.encodeAudit(tenant, 7);

    assertInvalid(() -> codec.decodeTraces(otherTenant, traces), "cursor signature is invalid");
    assertInvalid(
        () -> codec.decodeEvents(otherTenant, trace, events), "cursor signature is invalid");
    assertInvalid(() -> codec.decodeAudit(otherTenant, audit), "cursor signature is invalid");
    // The owner still reads them.
    assertThat(codec.decodeTraces(tenant, traces)).isEqualTo(key);
    assertThat(codec.decodeAudit(tenant, audit)).isEqualTo(7);
  }

  @Test
  void forgedCursor_isRejected() throws Exception {
    byte[] otherSecret = Arrays.copyOf(SECRET, SECRET.length);
    otherSecret[0] ^= 1;
    String forged =
        new CursorCodec(otherSecret, clock, Duration.ofHours(24)).encodeTraces(tenant, key);
    assertInvalid(() -> codec.decodeTraces(tenant, forged), "cursor signature is invalid");

    // A client editing the payload cannot produce a matching signature.
    String cursor = codec.encodeTraces(tenant, key);
    String edited =
        B64.encodeToString(
                "{\"last_timestamp\":\"2030-01-01T00:00:00.000Z\",\"last_id\":\"x\"}"
                    .getBytes(StandardCharsets.UTF_8))
            + cursor.substring(cursor.indexOf('.'));
    assertInvalid(() -> codec.decodeTraces(tenant, edited), "cursor signature is invalid");
  }

  @Test
  void payloadWithoutExactlyTheSpecFields_isMalformed_evenWhenSigned() throws Exception {
    String extra =
        resigned(
            "{\"last_timestamp\":\"2026-03-02T09:59:30.000Z\",\"last_id\":\""
                + key.lastId()
                + "\",\"issued_at\":\"2026-03-02T10:00:00.000Z\""
                + ",\"expires_at\":\"2026-03-03T10:00:00.000Z\",\"kind\":\"traces\"}",
            tenant.value(),
            "traces");
    String missing =
        resigned(
            "{\"last_timestamp\":\"2026-03-02T09:59:30.000Z\",\"last_id\":\""
                + key.lastId()
                + "\",\"expires_at\":\"2026-03-03T10:00:00.000Z\"}",
            tenant.value(),
            "traces");
    String secondsOnly =
        resigned(
            "{\"last_timestamp\":\"2026-03-02T09:59:30Z\",\"last_id\":\""
                + key.lastId()
                + "\",\"issued_at\":\"2026-03-02T10:00:00.000Z\""
                + ",\"expires_at\":\"2026-03-03T10:00:00.000Z\"}",
            tenant.value(),
            "traces");
    for (String c : new String[] {extra, missing, secondsOnly}) {
      assertInvalid(() -> codec.decodeTraces(tenant, c), "cursor is malformed");
    }
  }

  @Test
  void flippingUnusedBitsOfTheLastCharacter_isDetected() {
    // 32 signature bytes need 43 base64 characters, the last of which carries 4 unused bits; a
    // lenient decoder maps both spellings to the same bytes, so the codec insists on canonical
    // text.
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    String cursor = codec.encodeTraces(tenant, key);
    char last = cursor.charAt(cursor.length() - 1);
    char twin = alphabet.charAt(alphabet.indexOf(last) ^ 1);
    String tampered = cursor.substring(0, cursor.length() - 1) + twin;
    assertThat(Base64.getUrlDecoder().decode(tampered.substring(tampered.indexOf('.') + 1)))
        .isEqualTo(Base64.getUrlDecoder().decode(cursor.substring(cursor.indexOf('.') + 1)));
    assertInvalid(() -> codec.decodeTraces(tenant, tampered), "cursor is malformed");
  }

  @Test
  void expiredCursor_isRejected() {
    String cursor = codec.encodeTraces(tenant, key);
    clock.advance(Duration.ofHours(24).minusMillis(1));
    assertThat(codec.decodeTraces(tenant, cursor)).isEqualTo(key);
    clock.advance(Duration.ofMillis(1));
    assertInvalid(() -> codec.decodeTraces(tenant, cursor), "cursor expired");
  }

  @Test
  void eventsCursor_isBoundToItsTrace() {
    TraceId trace = fx.traceId();
    EventPageKey position = new EventPageKey(17, Fixtures.T0.plusMillis(1700), fx.eventId());
    String cursor = codec.encodeEvents(tenant, trace, position);

    assertThat(codec.decodeEvents(tenant, trace, cursor)).isEqualTo(position);
    assertInvalid(
        () -> codec.decodeEvents(tenant, fx.traceId(), cursor), "cursor signature is invalid");
  }

  @Test
  void cursorOfAnotherList_isRejected() {
    String events =
        codec.encodeEvents(tenant, key.lastId(), new EventPageKey(1, Fixtures.T0, fx.eventId()));
    assertInvalid(() -> codec.decodeTraces(tenant, events), "cursor signature is invalid");
    assertInvalid(
        () -> codec.decodeAudit(tenant, codec.encodeTraces(tenant, key)),
        "cursor signature is invalid");
  }

  @Test
  void auditCursor_roundTrips() {
    assertThat(codec.decodeAudit(tenant, codec.encodeAudit(tenant, 1234))).isEqualTo(1234);
  }

  @Test
  void garbage_isMalformed() {
    for (String s :
        new String[] {"", "abc", "a.b.c", ".", "abc.", ".abc", "a b.c", "x".repeat(5000)}) {
      assertInvalid(() -> codec.decodeTraces(tenant, s), "cursor is malformed");
    }
    assertInvalid(() -> codec.decodeTraces(tenant, null), "cursor is malformed");
  }

  @Test
  void cursorOverOneThousandTwentyFourCharacters_isMalformed() {
    String cursor = codec.encodeTraces(tenant, key);
    String padded = "A".repeat(CursorCodec.MAX_CURSOR_LENGTH + 1 - cursor.length()) + cursor;
    assertThat(padded).hasSize(1025);
    assertInvalid(() -> codec.decodeTraces(tenant, padded), "cursor is malformed");
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
    String cursor = c.encodeTraces(tenant, key);
    secret[0] ^= 1;
    assertThat(c.decodeTraces(tenant, cursor)).isEqualTo(key);
  }
}
