package io.ovpo.app.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpHeaders;
import java.util.Optional;

/** An HTTP answer: status, headers and body. */
public record Reply(int status, HttpHeaders headers, byte[] bytes) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  public String body() {
    return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
  }

  public JsonNode json() {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON (status " + status + "): " + body(), e);
    }
  }

  /** {@code error.code} of an error body. */
  public String errorCode() {
    return json().path("error").path("code").asText();
  }

  public Optional<String> header(String name) {
    return headers.firstValue(name);
  }

  @Override
  public String toString() {
    return status + " " + body();
  }
}
