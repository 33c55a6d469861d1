package io.ovpo.core.cursor;

import io.ovpo.core.internal.JsonText;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TraceId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque pagination cursors that clients cannot forge or keep forever (DESIGN.md section 6): {@code
 * base64url(json) + "." + base64url(HMAC-SHA256(secret, json))}, both without padding. The JSON
 * carries the keyset position, {@code issued_at}, {@code expires_at} and a {@code kind} so a cursor
 * of one listing is refused by another; an event cursor is also bound to its trace. Every failure
 * is an {@link OvpoException} with {@link ErrorCode#INVALID_CURSOR}.
 */
public final class CursorCodec {
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);
  public static final int MIN_SECRET_BYTES = 32;
  private static final int MAX_CURSOR_LENGTH = 4096;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

  private final SecretKeySpec key;
  private final Clock clock;
  private final Duration ttl;

  /**
   * @param secret server secret, at least 32 bytes; the same on every query instance
   * @param ttl how long a cursor stays valid, positive
   */
  public CursorCodec(byte[] secret, Clock clock, Duration ttl) {
    Objects.requireNonNull(secret, "secret");
    if (secret.length < MIN_SECRET_BYTES) {
      throw new IllegalArgumentException("cursor secret must have at least 32 bytes");
    }
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalArgumentException("cursor ttl must be positive");
    }
    this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ttl = ttl;
  }

  /** Cursor after {@code key} in the trace list. */
  public String encodeTraces(PageKey key) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("last_timestamp", key.lastTimestamp().toString());
    fields.put("last_id", key.lastId().value());
    return sign("traces", fields);
  }

  /** The trace-list position of a cursor made by {@link #encodeTraces}. */
  public PageKey decodeTraces(String cursor) {
    Map<String, Object> f = open(cursor, "traces");
    return build(() -> new PageKey(instant(f, "last_timestamp"), TraceId.of(text(f, "last_id"))));
  }

  /** Cursor after {@code key} in the frame events of {@code trace}; valid for that trace only. */
  public String encodeEvents(TraceId trace, EventPageKey key) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("trace_id", trace.value());
    fields.put("frame_index", key.frameIndex());
    fields.put("observed_at", key.observedAt().toString());
    fields.put("event_id", key.eventId().value());
    return sign("events", fields);
  }

  /** The event position of a cursor made by {@link #encodeEvents} for the same trace. */
  public EventPageKey decodeEvents(TraceId trace, String cursor) {
    Map<String, Object> f = open(cursor, "events");
    if (!trace.value().equals(f.get("trace_id"))) {
      throw invalid("cursor belongs to another trace");
    }
    return build(
        () ->
            new EventPageKey(
                number(f, "frame_index"),
                instant(f, "observed_at"),
                EventId.of(text(f, "event_id"))));
  }

  /** Cursor of the audit listing: the next page holds sequences below {@code beforeSequence}. */
  public String encodeAudit(long beforeSequence) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("before_sequence", beforeSequence);
    return sign("audit", fields);
  }

  /** The sequence of a cursor made by {@link #encodeAudit}. */
  public long decodeAudit(String cursor) {
    Map<String, Object> f = open(cursor, "audit");
    return build(() -> number(f, "before_sequence"));
  }

  private String sign(String kind, Map<String, Object> fields) {
    Instant now = clock.instant();
    fields.put("issued_at", now.toString());
    fields.put("expires_at", now.plus(ttl).toString());
    fields.put("kind", kind);
    StringBuilder json = new StringBuilder("{");
    for (var e : fields.entrySet()) {
      if (json.length() > 1) {
        json.append(',');
      }
      JsonText.string(json, e.getKey()).append(':');
      if (e.getValue() instanceof String s) {
        JsonText.string(json, s);
      } else {
        json.append(e.getValue());
      }
    }
    byte[] payload = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
    return ENCODER.encodeToString(payload) + "." + ENCODER.encodeToString(mac(payload));
  }

  /** Checks form, signature, kind and expiry, in that order; returns the signed fields. */
  private Map<String, Object> open(String cursor, String kind) {
    if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
      throw malformed();
    }
    int dot = cursor.indexOf('.');
    if (dot <= 0 || dot != cursor.lastIndexOf('.') || dot == cursor.length() - 1) {
      throw malformed();
    }
    byte[] payload = decode(cursor.substring(0, dot));
    byte[] signature = decode(cursor.substring(dot + 1));
    if (!MessageDigest.isEqual(mac(payload), signature)) {
      throw invalid("cursor signature is invalid");
    }
    Map<String, Object> f;
    try {
      f = JsonText.parseFlatObject(new String(payload, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    if (!kind.equals(f.get("kind"))) {
      throw invalid("cursor belongs to another listing");
    }
    Instant expiresAt = build(() -> instant(f, "expires_at"));
    if (!clock.instant().isBefore(expiresAt)) {
      throw invalid("cursor expired");
    }
    return f;
  }

  /** Strict base64url: re-encoding must give the same text, so no two texts decode alike. */
  private static byte[] decode(String part) {
    try {
      byte[] bytes = DECODER.decode(part);
      if (!ENCODER.encodeToString(bytes).equals(part)) {
        throw malformed();
      }
      return bytes;
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
  }

  private byte[] mac(byte[] payload) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(payload);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e); // every JDK has it
    }
  }

  private static <T> T build(java.util.function.Supplier<T> s) {
    try {
      return s.get();
    } catch (RuntimeException e) {
      throw malformed();
    }
  }

  private static String text(Map<String, Object> f, String name) {
    if (f.get(name) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException(name);
  }

  private static long number(Map<String, Object> f, String name) {
    if (f.get(name) instanceof Long n) {
      return n;
    }
    throw new IllegalArgumentException(name);
  }

  private static Instant instant(Map<String, Object> f, String name) {
    return Instant.parse(text(f, name));
  }

  private static OvpoException malformed() {
    return invalid("cursor is malformed");
  }

  private static OvpoException invalid(String message) {
    return new OvpoException(ErrorCode.INVALID_CURSOR, message);
  }
}
