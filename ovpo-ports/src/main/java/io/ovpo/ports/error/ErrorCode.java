package io.ovpo.ports.error;

/**
 * The error-code catalogue of spec chapter 09. Request-level codes carry their HTTP status;
 * item-level codes ({@link #SCHEMA_VIOLATION}, {@link #SEMANTIC_VIOLATION}) appear in the {@code
 * errors} list of an ingest response.
 */
public enum ErrorCode {
  SCHEMA_VIOLATION(400, true),
  SEMANTIC_VIOLATION(400, true),
  MALFORMED_JSON(400, false),
  INVALID_BATCH(400, false),
  MISSING_SCHEMA_VERSION(400, false),
  UNSUPPORTED_SCHEMA_VERSION(400, false),
  INVALID_IDEMPOTENCY_KEY(400, false),
  INVALID_PARAMETER(400, false),
  INVALID_CURSOR(400, false),
  UNAUTHENTICATED(401, false),
  FORBIDDEN(403, false),
  NOT_FOUND(404, false),
  METHOD_NOT_ALLOWED(405, false),
  CONFLICT(409, false),
  PAYLOAD_TOO_LARGE(413, false),
  UNSUPPORTED_MEDIA_TYPE(415, false),
  IDEMPOTENCY_KEY_REUSED(422, false),
  RATE_LIMITED(429, false),
  INTERNAL(500, false),
  QUEUE_UNAVAILABLE(503, false),
  UNAVAILABLE(503, false);

  private final int httpStatus;
  private final boolean itemLevel;

  ErrorCode(int httpStatus, boolean itemLevel) {
    this.httpStatus = httpStatus;
    this.itemLevel = itemLevel;
  }

  /** HTTP status of a response carrying this code as its {@code error.code}. */
  public int httpStatus() {
    return httpStatus;
  }

  /** True for codes that describe one batch item rather than the whole request. */
  public boolean itemLevel() {
    return itemLevel;
  }
}
