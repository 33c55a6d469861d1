package io.ovpo.compliance.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;

/**
 * The kit's only way to reach a server: {@code java.net.http} over HTTP/1.1, one shared client.
 * Requests are built with {@link #call(String, String)}.
 */
public final class OvpoHttp {
  private final URI base;
  private final HttpClient client;
  private final Duration requestTimeout;
  private final Duration maxRateLimitWait;

  /**
   * @param baseUrl the server's base URL ({@code http://127.0.0.1:8080})
   * @param requestTimeout how long one request may take
   * @param maxRateLimitWait the longest {@code Retry-After} a 429 is waited out for before the
   *     answer is handed to the check as it is
   */
  public OvpoHttp(String baseUrl, Duration requestTimeout, Duration maxRateLimitWait) {
    Objects.requireNonNull(baseUrl, "baseUrl");
    this.base = URI.create(baseUrl.replaceAll("/+$", ""));
    if (base.getScheme() == null || !base.getScheme().startsWith("http")) {
      throw new IllegalArgumentException("not an http(s) URL: " + baseUrl);
    }
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    this.maxRateLimitWait = Objects.requireNonNull(maxRateLimitWait, "maxRateLimitWait");
    this.client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(requestTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The base URL, without a trailing slash. */
  public String baseUrl() {
    return base.toString();
  }

  /** A request to {@code pathAndQuery} (starting with {@code /}). */
  public Call call(String method, String pathAndQuery) {
    return new Call(this, method, pathAndQuery);
  }

  /** {@code GET path} with {@code apiKey} (null: no Authorization header). */
  public Reply get(String path, String apiKey) {
    return call("GET", path).key(apiKey).send();
  }

  Duration maxRateLimitWait() {
    return maxRateLimitWait;
  }

  URI resolve(String pathAndQuery) {
    if (!pathAndQuery.startsWith("/")) {
      throw new IllegalArgumentException("path must start with '/': " + pathAndQuery);
    }
    return URI.create(base + pathAndQuery);
  }

  Reply exchange(String method, String path, HttpRequest.Builder request) {
    try {
      HttpResponse<byte[]> response =
          client.send(
              request.timeout(requestTimeout).build(), HttpResponse.BodyHandlers.ofByteArray());
      return new Reply(method, path, response.statusCode(), response.headers(), response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + method + " " + path, e);
    }
  }
}
