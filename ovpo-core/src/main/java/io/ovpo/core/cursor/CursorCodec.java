package io.ovpo.core.cursor;

import io.ovpo.core.internal.JsonText;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Opaque pagination cursors that clients cannot forge or keep forever (spec 05 §3): {@code
 * B64(payload) "." B64(HMAC-SHA256(secret, B64(payload) "\n" tenant_id "\n" scope))}, base64url
 * without padding. The payload holds exactly the keyset position, {@code issued_at} and {@code
 * expires_at}; the tenant and the scope ({@code traces}, {@code events:<trace_id>}, {@code audit})
 * are signed but not carried, so a cursor is refused by another tenant and by another list. Every
 * failure is an {@link OvpoException} with {@link ErrorCode#INVALID_CURSOR}.
 */
public final class CursorCodec {
  public static final Duration DEFAULT_TTL = Duration.ofHours(24);
  public static final int MIN_SECRET_BYTES = 32;
  static final int MAX_CURSOR_LENGTH = 1024;
  private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder DECODER = Base64.getUrlDecoder();
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
  private static final Set<String> TRACE_FIELDS =
      Set.of("last_timestamp", "last_id", "issued_at", "expires_at");
  private static final Set<String> EVENT_FIELDS =
      Set.of("last_frame_index", "last_observed_at", "last_id", "issued_at", "expires_at");
  private static final Set<String> AUDIT_FIELDS =
      Set.of("last_sequence", "issued_at", "expires_at");

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

  /** Cursor after {@code key} in {@code tenant}'s trace list. */
  public String encodeTraces(TenantId tenant, PageKey key) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("last_timestamp", format(key.lastTimestamp()));
    fields.put("last_id", key.lastId().value());
    return sign(tenant, "traces", fields);
  }

  /** The trace-list position of a cursor made by {@link #encodeTraces} for the same tenant. */
  public PageKey decodeTraces(TenantId tenant, String cursor) {
    Map<String, Object> f = open(tenant, "traces", TRACE_FIELDS, cursor);
    return build(() -> new PageKey(instant(f, "last_timestamp"), TraceId.of(text(f, "last_id"))));
  }

  /** Cursor after {@code key} in the frame events of {@code tenant}'s {@code trace}. */
  public String encodeEvents(TenantId tenant, TraceId trace, EventPageKey key) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("last_frame_index", key.frameIndex());
    fields.put("last_observed_at", format(key.observedAt()));
    fields.put("last_id", key.eventId().value());
    return sign(tenant, eventsScope(trace), fields);
  }

  /** The event position of a cursor made by {@link #encodeEvents} for the same tenant and trace. */
  public EventPageKey decodeEvents(TenantId tenant, TraceId trace, String cursor) {
    Map<String, Object> f = open(tenant, eventsScope(trace), EVENT_FIELDS, cursor);
    return build(
        () ->
            new EventPageKey(
                number(f, "last_frame_index"),
                instant(f, "last_observed_at"),
                EventId.of(text(f, "last_id"))));
  }

  /** Cursor of {@code tenant}'s audit list after the record {@code lastSequence} (newest first). */
  public String encodeAudit(TenantId tenant, long lastSequence) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("last_sequence", lastSequence);
    return sign(tenant, "audit", fields);
  }

  /** The last sequence of a cursor made by {@link #encodeAudit} for the same tenant. */
  public long decodeAudit(TenantId tenant, String cursor) {
    Map<String, Object> f = open(tenant, "audit", AUDIT_FIELDS, cursor);
    return build(() -> number(f, "last_sequence"));
  }

  private static String eventsScope(TraceId trace) {
    return "events:" + trace.value();
  }

  private String sign(TenantId tenant, String scope, Map<String, Object> fields) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    fields.put("issued_at", format(now));
    fields.put("expires_at", format(now.plus(ttl)));
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
    String payload =
        ENCODER.encodeToString(json.append('}').toString().getBytes(StandardCharsets.UTF_8));
    return payload + "." + ENCODER.encodeToString(mac(payload, tenant, scope));
  }

  /**
   * Checks form, signature (over the payload, tenant and scope), fields and expiry, in that order;
   * returns the signed fields.
   */
  private Map<String, Object> open(
      TenantId tenant, String scope, Set<String> names, String cursor) {
    if (cursor == null || cursor.isEmpty() || cursor.length() > MAX_CURSOR_LENGTH) {
      throw malformed();
    }
    int dot = cursor.indexOf('.');
    if (dot <= 0 || dot != cursor.lastIndexOf('.') || dot == cursor.length() - 1) {
      throw malformed();
    }
    String b64Payload = cursor.substring(0, dot);
    byte[] payload = decode(b64Payload);
    byte[] signature = decode(cursor.substring(dot + 1));
    if (!MessageDigest.isEqual(mac(b64Payload, tenant, scope), signature)) {
      // Also what a cursor of another tenant or another list gets: its MAC covers those.
      throw invalid("cursor signature is invalid");
    }
    Map<String, Object> f;
    try {
      f = JsonText.parseFlatObject(new String(payload, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      throw malformed();
    }
    if (!f.keySet().equals(names)) {
      throw malformed();
    }
    build(() -> instant(f, "issued_at"));
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

  /** HMAC of the ASCII bytes of {@code B64(payload) "\n" tenant_id "\n" scope} (spec 05 §3). */
  private byte[] mac(String b64Payload, TenantId tenant, String scope) {
    String signed = b64Payload + "\n" + tenant.value() + "\n" + scope;
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return mac.doFinal(signed.getBytes(StandardCharsets.US_ASCII));
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

  private static String format(Instant t) {
    return TIMESTAMP.format(t);
  }

  /** Only the spec's timestamp form (UTC, exactly milliseconds), as this codec writes it. */
  private static Instant instant(Map<String, Object> f, String name) {
    String text = text(f, name);
    try {
      Instant t = Instant.parse(text);
      if (!format(t).equals(text)) {
        throw new IllegalArgumentException(name);
      }
      return t;
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(name, e);
    }
  }

  private static OvpoException malformed() {
    return invalid("cursor is malformed");
  }

  private static OvpoException invalid(String message) {
    return new OvpoException(ErrorCode.INVALID_CURSOR, message);
  }
}
