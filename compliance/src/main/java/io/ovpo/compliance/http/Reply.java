package io.ovpo.compliance.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ovpo.compliance.CheckFailure;
import java.io.IOException;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;

/**
 * One HTTP answer: status, headers and the body bytes exactly as received (the idempotency checks
 * compare them byte for byte).
 *
 * @param method the request's method
 * @param path the request's path and query
 * @param status the status code
 * @param headers the response headers
 * @param body the raw body (empty for 204 and 304)
 */
public record Reply(String method, String path, int status, HttpHeaders headers, byte[] body) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int EXCERPT = 600;

  public Reply {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(headers, "headers");
    body = body == null ? new byte[0] : body;
  }

  /** The first value of a header (names are case-insensitive). */
  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  /** The body as UTF-8 text. */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /**
   * The body parsed as JSON.
   *
   * @throws CheckFailure when it is not JSON: every OVPO body is
   */
  public JsonNode json() {
    try {
      JsonNode node = JSON.readTree(body);
      if (node == null || node.isMissingNode()) {
        throw new CheckFailure(describe() + ": expected a JSON body, got none");
      }
      return node;
    } catch (IOException e) {
      throw new CheckFailure(describe() + ": body is not JSON: " + excerpt());
    }
  }

  /** {@code POST /v1/ingest/batch -> 400}, for messages. */
  public String describe() {
    return method + " " + path + " -> " + status;
  }

  /** The start of the body, for messages. */
  public String excerpt() {
    String text = text();
    return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "...";
  }

  @Override
  public String toString() {
    return describe() + " " + excerpt();
  }

  @Override
  public boolean equals(Object o) {
    return this == o;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(this);
  }
}
