package io.ovpo.app.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.wire.WireJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One HTTP response of the OVPO API.
 *
 * @param status the status code
 * @param headers the headers (names compared case-insensitively)
 * @param body the body bytes (empty for 204)
 */
public record ApiResponse(int status, Map<String, List<String>> headers, byte[] body) {
  public ApiResponse {
    Map<String, List<String>> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    h.putAll(headers);
    headers = h;
    body = body.clone();
  }

  /** True for 2xx. */
  public boolean isSuccess() {
    return status >= 200 && status < 300;
  }

  /** The first value of a header. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /** The request id the server gave this request ({@code X-Request-Id}). */
  public Optional<String> requestId() {
    return header("X-Request-Id");
  }

  /** The body as text (UTF-8). */
  public String text() {
    return new String(body, StandardCharsets.UTF_8);
  }

  /** The body as JSON; empty when there is none or it is not JSON. */
  public Optional<JsonNode> jsonIfAny() {
    if (body.length == 0) {
      return Optional.empty();
    }
    try {
      return Optional.of(WireJson.parse(body));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return Optional.empty();
    }
  }

  /**
   * The body as JSON.
   *
   * @throws ApiException when the body is not JSON (an unexpected answer, e.g. from a proxy)
   */
  public JsonNode json() {
    return jsonIfAny()
        .orElseThrow(
            () ->
                new ApiException(
                    status,
                    "UNEXPECTED_RESPONSE",
                    "the server answered HTTP " + status + " without a JSON body: " + snippet(),
                    requestId(),
                    Optional.empty()));
  }

  /** The first 200 characters of the body, on one line, for error messages. */
  String snippet() {
    String t = text().replaceAll("\\s+", " ").strip();
    return t.length() <= 200 ? t : t.substring(0, 200) + "...";
  }
}
