package io.ovpo.app.collector;

import io.ovpo.app.common.http.BodyReader;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.schemas.Limits;
import io.ovpo.wire.BatchDecoder;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import javax.inject.Inject;

/**
 * Checks 5-10 of spec 02 §2, in that order: Content-Type and Content-Encoding (415), {@code
 * X-OVPO-Schema-Version} (400), the Idempotency-Key format (400), the body size while reading
 * (413), then JSON syntax and the batch envelope, and each item's schema ({@link BatchDecoder}).
 * Header names are case-insensitive (Undertow's header map); media type names too.
 */
public final class IngestRequestParser {
  /** The only schema version this collector accepts. */
  public static final String SCHEMA_VERSION = "0.08";

  static final String SCHEMA_VERSION_HEADER = "X-OVPO-Schema-Version";
  static final String IDEMPOTENCY_KEY_HEADER = "Idempotency-Key";

  private final BatchDecoder decoder;
  private final BodyReader body = new BodyReader(Limits.MAX_BODY_BYTES);

  @Inject
  public IngestRequestParser(BatchDecoder decoder) {
    this.decoder = decoder;
  }

  /**
   * Reads and decodes the request. Call from a blocking handler.
   *
   * @throws OvpoException with the code of the first failed check
   */
  public IngestRequest parse(HttpServerExchange ex) throws IOException {
    checkContentType(header(ex, Headers.CONTENT_TYPE_STRING));
    checkContentEncoding(header(ex, Headers.CONTENT_ENCODING_STRING));
    checkSchemaVersion(header(ex, SCHEMA_VERSION_HEADER));
    Optional<String> key = idempotencyKey(ex.getRequestHeaders().getFirst(IDEMPOTENCY_KEY_HEADER));
    byte[] bytes = body.read(ex);
    return new IngestRequest(key, decoder.decode(bytes));
  }

  /** {@code application/json}, with at most a {@code charset=utf-8} parameter. */
  static void checkContentType(Optional<String> value) {
    String[] parts = value.orElse("").split(";", -1);
    boolean ok = parts[0].trim().toLowerCase(Locale.ROOT).equals("application/json");
    for (int i = 1; ok && i < parts.length; i++) {
      String p = parts[i].trim().toLowerCase(Locale.ROOT);
      if (p.isEmpty() && i == parts.length - 1) {
        continue; // a trailing ';' is harmless
      }
      int eq = p.indexOf('=');
      String name = eq < 0 ? p : p.substring(0, eq).trim();
      String v = eq < 0 ? "" : p.substring(eq + 1).trim().replace("\"", "");
      ok = name.equals("charset") && v.equals("utf-8");
    }
    if (!ok) {
      throw new OvpoException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE,
          "Content-Type must be application/json (optionally with charset=utf-8)");
    }
  }

  /** Absent, {@code identity}, {@code gzip} or {@code x-gzip}. */
  static void checkContentEncoding(Optional<String> value) {
    String v = value.orElse("identity").trim().toLowerCase(Locale.ROOT);
    if (!v.equals("identity") && !v.equals("gzip") && !v.equals("x-gzip")) {
      throw new OvpoException(
          ErrorCode.UNSUPPORTED_MEDIA_TYPE, "Content-Encoding must be gzip, x-gzip or identity");
    }
  }

  static void checkSchemaVersion(Optional<String> value) {
    if (value.isEmpty() || value.get().isBlank()) {
      throw new OvpoException(
          ErrorCode.MISSING_SCHEMA_VERSION,
          "the header " + SCHEMA_VERSION_HEADER + ": " + SCHEMA_VERSION + " is required");
    }
    if (!value.get().trim().equals(SCHEMA_VERSION)) {
      throw new OvpoException(
          ErrorCode.UNSUPPORTED_SCHEMA_VERSION,
          "unsupported schema version; supported versions: " + SCHEMA_VERSION);
    }
  }

  /** 1..128 characters, each in 0x21..0x7E; absent is fine, empty is not. */
  static Optional<String> idempotencyKey(String value) {
    if (value == null) {
      return Optional.empty();
    }
    boolean ok = !value.isEmpty() && value.length() <= Limits.MAX_IDEMPOTENCY_KEY_LENGTH;
    for (int i = 0; ok && i < value.length(); i++) {
      char c = value.charAt(i);
      ok = c >= 0x21 && c <= 0x7E;
    }
    if (!ok) {
      throw new OvpoException(
          ErrorCode.INVALID_IDEMPOTENCY_KEY,
          "Idempotency-Key must be 1 to 128 visible ASCII characters");
    }
    return Optional.of(value);
  }

  private static Optional<String> header(HttpServerExchange ex, String name) {
    return Optional.ofNullable(ex.getRequestHeaders().getFirst(name));
  }
}
