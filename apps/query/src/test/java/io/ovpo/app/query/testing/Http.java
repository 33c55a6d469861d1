package io.ovpo.app.query.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** A small HTTP/1.1 client against one server; every request sends a recognizable User-Agent. */
public final class Http {
  public static final String USER_AGENT = "ovpo-query-it/1.0";

  private final HttpClient client =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final String base;

  Http(int port) {
    this.base = "http://127.0.0.1:" + port;
  }

  public Reply get(String pathAndQuery, String apiKey) {
    return send("GET", pathAndQuery, Optional.ofNullable(apiKey), Optional.empty());
  }

  public Reply post(String path, String apiKey, String json) {
    return send("POST", path, Optional.ofNullable(apiKey), Optional.of(json));
  }

  public Reply put(String path, String apiKey, String json) {
    return send("PUT", path, Optional.ofNullable(apiKey), Optional.of(json));
  }

  public Reply delete(String path, String apiKey) {
    return send("DELETE", path, Optional.ofNullable(apiKey), Optional.empty());
  }

  public Reply send(String method, String path, Optional<String> apiKey, Optional<String> json) {
    HttpRequest.Builder b = request(path).method(method, body(json));
    apiKey.ifPresent(k -> b.header("Authorization", "Bearer " + k));
    json.ifPresent(j -> b.header("Content-Type", "application/json"));
    return send(b);
  }

  /** A request builder for {@code path} with the test User-Agent, to add headers to. */
  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("User-Agent", USER_AGENT);
  }

  public Reply send(HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> r =
          client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(r.statusCode(), r.headers(), r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static HttpRequest.BodyPublisher body(Optional<String> json) {
    return json.map(HttpRequest.BodyPublishers::ofString)
        .orElseGet(HttpRequest.BodyPublishers::noBody);
  }
}
