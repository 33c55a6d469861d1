package io.ovpo.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.compliance.http.Reply;
import java.util.Objects;

/**
 * The assertions checks are written with. Each throws {@link CheckFailure} with a message that
 * names the request, what the spec requires and what came back.
 */
public final class Expect {
  private Expect() {}

  /** Fails with {@code message} (formatted) unless {@code condition} holds. */
  public static void that(boolean condition, String message, Object... args) {
    if (!condition) {
      throw new CheckFailure(args.length == 0 ? message : String.format(message, args));
    }
  }

  /** Fails unless {@code actual} equals {@code expected}. */
  public static void equal(Object actual, Object expected, String what) {
    if (!Objects.equals(actual, expected)) {
      throw new CheckFailure(what + ": expected " + expected + ", got " + actual);
    }
  }

  /** Fails unless the reply has status {@code expected}. */
  public static Reply status(Reply reply, int expected) {
    if (reply.status() != expected) {
      throw new CheckFailure(
          reply.method()
              + " "
              + reply.path()
              + ": expected "
              + expected
              + ", got "
              + reply.status()
              + " "
              + reply.excerpt());
    }
    return reply;
  }

  /**
   * Fails unless the reply is the error body of spec 09 §1 with this status and code: {@code
   * {"error": {"code", "message", "request_id"}}}, the message non-empty, the request id equal to
   * the {@code X-Request-Id} header.
   *
   * @return the {@code error} object
   */
  public static JsonNode error(Reply reply, int status, String code) {
    status(reply, status);
    JsonNode error = reply.json().path("error");
    that(
        error.isObject(),
        "%s: expected an error body {\"error\": {...}}, got %s",
        reply.describe(),
        reply.excerpt());
    equal(error.path("code").asText(null), code, reply.describe() + " error.code");
    String message = error.path("message").asText("");
    that(
        !message.isBlank() && message.length() <= 2048,
        "%s: error.message must be 1..2048 chars, got %s",
        reply.describe(),
        error.path("message"));
    String requestId = error.path("request_id").asText("");
    that(!requestId.isEmpty(), "%s: error.request_id is missing", reply.describe());
    equal(
        reply.header("X-Request-Id").orElse(null),
        requestId,
        reply.describe() + " X-Request-Id header vs error.request_id");
    return error;
  }

  /** Fails unless the header is present; returns its value. */
  public static String header(Reply reply, String name) {
    return reply
        .header(name)
        .orElseThrow(() -> new CheckFailure(reply.describe() + ": header " + name + " is missing"));
  }

  /** Fails unless the header is present and a whole number; returns it. */
  public static long longHeader(Reply reply, String name) {
    String value = header(reply, name);
    try {
      return Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new CheckFailure(
          reply.describe() + ": header " + name + " is not an integer: " + value);
    }
  }

  /** Fails unless {@code node} has a member {@code field}; returns it. */
  public static JsonNode member(JsonNode node, String field, String where) {
    JsonNode value = node.get(field);
    if (value == null) {
      throw new CheckFailure(where + ": member '" + field + "' is missing");
    }
    return value;
  }
}
