package io.ovpo.app.collector;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.wire.WireJson;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One HTTP request to a test collector, with the headers of a well-formed ingest by default. */
final class Call {
  static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private final URI uri;
  private final Map<String, String> headers = new LinkedHashMap<>();
  private String method = "POST";
  private BodyPublisher body = BodyPublishers.noBody();

  private Call(URI uri) {
    this.uri = uri;
  }

  /** POST /v1/ingest/batch with Content-Type and X-OVPO-Schema-Version set. */
  static Call ingest(TestCollector c) {
    return new Call(c.base.resolve(CollectorRoutes.INGEST_PATH))
        .header("Content-Type", "application/json")
        .header("X-OVPO-Schema-Version", "0.08");
  }

  static Call get(TestCollector c, String path) {
    return new Call(c.base.resolve(path)).method("GET");
  }

  Call key(String apiKey) {
    return header("Authorization", "Bearer " + apiKey);
  }

  Call header(String name, String value) {
    headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
    headers.put(name, value);
    return this;
  }

  Call without(String name) {
    headers.keySet().removeIf(n -> n.equalsIgnoreCase(name));
    return this;
  }

  Call method(String m) {
    this.method = m;
    return this;
  }

  /** A body with Content-Length. */
  Call body(byte[] bytes) {
    this.body = BodyPublishers.ofByteArray(bytes);
    return this;
  }

  /** A body sent chunked, without Content-Length. */
  Call chunked(byte[] bytes) {
    this.body = BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes));
    return this;
  }

  Response send() {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).method(method, body);
    headers.forEach(b::header);
    try {
      HttpResponse<byte[]> r = CLIENT.send(b.build(), BodyHandlers.ofByteArray());
      return new Response(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** What came back. */
  record Response(int status, Map<String, java.util.List<String>> headers, byte[] body) {
    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .findFirst()
          .map(e -> e.getValue().get(0));
    }

    long longHeader(String name) {
      return Long.parseLong(header(name).orElseThrow(() -> new AssertionError("no " + name)));
    }

    JsonNode json() {
      try {
        return WireJson.parse(body);
      } catch (IOException e) {
        throw new AssertionError(
            "not JSON: " + new String(body, java.nio.charset.StandardCharsets.UTF_8), e);
      }
    }

    String errorCode() {
      return json().path("error").path("code").asText();
    }

    String text() {
      return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }
  }
}
