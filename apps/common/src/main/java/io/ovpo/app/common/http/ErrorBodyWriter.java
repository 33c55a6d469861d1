package io.ovpo.app.common.http;

import io.ovpo.ports.error.ErrorCode;
import java.util.OptionalLong;

/** Renders the JSON error body {@code {"error": {"code", "message", "request_id"}}} (spec 09). */
@FunctionalInterface
public interface ErrorBodyWriter {
  byte[] write(ErrorCode code, String message, String requestId, OptionalLong retryAfterSeconds);
}
