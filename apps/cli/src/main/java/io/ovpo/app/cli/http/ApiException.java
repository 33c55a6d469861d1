package io.ovpo.app.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.ExitCodes;
import java.util.Optional;

/**
 * The server answered with an error: its status, its error code (chapter 09), message and request
 * id, which ovpo always shows together.
 */
public final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int status;
  private final String code;
  private final transient Optional<String> requestId;
  private final transient Optional<Long> retryAfterSeconds;

  public ApiException(
      int status,
      String code,
      String message,
      Optional<String> requestId,
      Optional<Long> retryAfterSeconds) {
    super(message);
    this.status = status;
    this.code = code;
    this.requestId = requestId;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  /**
   * Reads an error response: the body {@code {"error": {code, message, request_id, retry_after?}}},
   * or what there is when the body has another shape.
   */
  public static ApiException from(ApiResponse r) {
    JsonNode error = r.jsonIfAny().map(j -> j.path("error")).orElse(null);
    Optional<Long> retryAfter = r.header("Retry-After").flatMap(ApiException::parseLong);
    if (error != null && error.isObject() && error.path("code").isTextual()) {
      Optional<String> requestId =
          error.path("request_id").isTextual()
              ? Optional.of(error.path("request_id").asText())
              : r.requestId();
      if (retryAfter.isEmpty() && error.path("retry_after").canConvertToLong()) {
        retryAfter = Optional.of(error.path("retry_after").asLong());
      }
      return new ApiException(
          r.status(),
          error.path("code").asText(),
          error.path("message").asText(""),
          requestId,
          retryAfter);
    }
    String text = r.snippet();
    return new ApiException(
        r.status(),
        "HTTP_" + r.status(),
        text.isEmpty() ? "no error body" : text,
        r.requestId(),
        retryAfter);
  }

  private static Optional<Long> parseLong(String s) {
    try {
      return Optional.of(Long.parseLong(s.strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** The HTTP status. */
  public int status() {
    return status;
  }

  /** The error code, e.g. {@code NOT_FOUND}. */
  public String code() {
    return code;
  }

  /** The request id, to quote when asking an operator to look at the server's logs. */
  public Optional<String> requestId() {
    return requestId;
  }

  /** Seconds the server asked to wait before retrying (429, 503, 409). */
  public Optional<Long> retryAfterSeconds() {
    return retryAfterSeconds;
  }

  /** The exit status this error ends ovpo with. */
  public int exitCode() {
    return ExitCodes.forHttpStatus(status);
  }

  /** {@code NOT_FOUND (HTTP 404): no such trace [request_id 1f2e...]}. */
  public String describe() {
    return code
        + " (HTTP "
        + status
        + "): "
        + getMessage()
        + requestId.map(id -> " [request_id " + id + "]").orElse("");
  }
}
