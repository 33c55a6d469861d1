package io.ovpo.app.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.CliException;
import io.ovpo.app.cli.config.Connection;
import io.ovpo.wire.WireJson;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The OVPO HTTP API over {@code java.net.http}: the base URL and key of a {@link Connection}, JSON
 * in and out. Non-2xx answers become {@link ApiException}s (except through {@link #exchange}, for
 * callers that read error statuses themselves), transport failures {@link UnreachableException}s.
 * The key goes into the Authorization header and nowhere else.
 */
public final class ApiClient {
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private final Connection connection;
  private final Duration timeout;
  private final String userAgent;
  private final HttpClient http;

  public ApiClient(Connection connection, Duration timeout, String userAgent) {
    this.connection = connection;
    this.timeout = timeout;
    this.userAgent = userAgent;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** The server's base URL. */
  public URI url() {
    return connection.url();
  }

  /**
   * Sends a request and returns the answer whatever its status.
   *
   * @param authenticated send the API key (the request fails with a usage error when there is none)
   * @throws UnreachableException when there is no answer
   */
  public ApiResponse exchange(
      String method,
      String path,
      Query query,
      Optional<byte[]> body,
      Map<String, String> headers,
      boolean authenticated) {
    URI uri = URI.create(connection.url() + path + query.toQueryString());
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("User-Agent", userAgent)
            .header("Accept", "application/json")
            .method(
                method,
                body.map(HttpRequest.BodyPublishers::ofByteArray)
                    .orElse(HttpRequest.BodyPublishers.noBody()));
    if (body.isPresent()) {
      b.header("Content-Type", "application/json");
    }
    if (authenticated) {
      b.header("Authorization", "Bearer " + key());
    }
    headers.forEach(b::header);
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      return new ApiResponse(r.statusCode(), r.headers().map(), r.body());
    } catch (HttpTimeoutException e) {
      throw new UnreachableException(
          "no answer from " + connection.url() + " within " + timeout.toSeconds() + " s", e);
    } catch (ConnectException e) {
      throw new UnreachableException(
          "cannot connect to " + connection.url() + " (connection refused or host down)", e);
    } catch (IOException e) {
      throw new UnreachableException("cannot reach " + connection.url() + ": " + describe(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UnreachableException("interrupted while waiting for " + connection.url(), e);
    }
  }

  /** {@code GET} with the key; the 2xx JSON body. */
  public JsonNode get(String path, Query query) {
    return json(exchange("GET", path, query, Optional.empty(), Map.of(), true));
  }

  /** {@code POST}, {@code PUT} or {@code DELETE} with the key and an optional JSON body. */
  public ApiResponse send(String method, String path, Query query, Optional<JsonNode> body) {
    ApiResponse r = exchange(method, path, query, body.map(WireJson::toBytes), Map.of(), true);
    if (!r.isSuccess()) {
      throw ApiException.from(r);
    }
    return r;
  }

  /** {@link #send} and the 2xx JSON body. */
  public JsonNode sendJson(String method, String path, Query query, Optional<JsonNode> body) {
    return send(method, path, query, body).json();
  }

  private static JsonNode json(ApiResponse r) {
    if (!r.isSuccess()) {
      throw ApiException.from(r);
    }
    return r.json();
  }

  private String key() {
    return connection
        .apiKey()
        .orElseThrow(
            () ->
                CliException.usage(
                    "no API key: set OVPO_API_KEY, pass --api-key, or save a profile with"
                        + " 'ovpo config save'"));
  }

  private static String describe(IOException e) {
    String m = e.getMessage();
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }
}
