package io.ovpo.app.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** A small HTTP client for the server tests: JSON in, {@link Reply} out. */
final class Http {
  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient client =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String baseUrl;

  Http(String baseUrl) {
    this.baseUrl = baseUrl.replaceAll("/+$", "");
  }

  String baseUrl() {
    return baseUrl;
  }

  Reply get(String path, String key) {
    return send("GET", path, key, null, Map.of());
  }

  Reply post(String path, String key, String json) {
    return send("POST", path, key, json, Map.of());
  }

  /** An ingest request with the required headers. */
  Reply ingest(String key, String json) {
    return send("POST", "/v1/ingest/batch", key, json, Map.of("X-OVPO-Schema-Version", "0.08"));
  }

  /**
   * @param key the API key, or null for none
   * @param json the body (sent as application/json unless headers say otherwise), or null
   */
  Reply send(String method, String path, String key, String json, Map<String, String> headers) {
    Map<String, String> all = new LinkedHashMap<>();
    if (key != null) {
      all.put("Authorization", "Bearer " + key);
    }
    if (json != null) {
      all.put("Content-Type", "application/json");
    }
    all.putAll(headers);
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : baseUrl + path))
            .timeout(Duration.ofSeconds(30))
            .method(
                method,
                json == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
    all.forEach(b::header);
    try {
      HttpResponse<byte[]> r = client.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(r.statusCode(), r.headers().map(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response. */
  record Reply(int status, Map<String, java.util.List<String>> headers, byte[] body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + text(), e);
      }
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty())
          .map(e -> e.getValue().get(0))
          .findFirst();
    }

    @Override
    public String toString() {
      String t = text();
      return status + " " + (t.length() > 400 ? t.substring(0, 400) + "..." : t);
    }
  }
}
