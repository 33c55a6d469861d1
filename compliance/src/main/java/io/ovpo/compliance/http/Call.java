package io.ovpo.compliance.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

/**
 * One request being built. By default a 429 is waited out (its {@code Retry-After}, at most the
 * configured maximum) and the request sent again, so that checks of other rules are not disturbed
 * by a tenant's rate limit; {@link #raw()} hands every answer over as it is.
 */
public final class Call {
  /** The kit's User-Agent unless a check sets its own (audit records keep it, spec 07 §2). */
  public static final String USER_AGENT = "ovpo-compliance/0.8";

  /** What the ingest endpoint needs besides a key: the schema version and the media type. */
  public static final String SCHEMA_VERSION = "0.08";

  private final OvpoHttp http;
  private final String method;
  private final String path;
  private final List<String[]> headers = new ArrayList<>();
  private byte[] body = new byte[0];
  private boolean hasBody;
  private boolean raw;

  Call(OvpoHttp http, String method, String path) {
    this.http = http;
    this.method = method;
    this.path = path;
  }

  /** {@code Authorization: Bearer <key>}; null adds nothing. */
  public Call key(String apiKey) {
    return apiKey == null ? this : header("Authorization", "Bearer " + apiKey);
  }

  public Call header(String name, String value) {
    headers.add(new String[] {name, value});
    return this;
  }

  /** The ingest headers of spec 02 §1: schema version 0.08 and {@code application/json}. */
  public Call ingestHeaders() {
    return header("X-OVPO-Schema-Version", SCHEMA_VERSION)
        .header("Content-Type", "application/json");
  }

  public Call json(String text) {
    return body(text.getBytes(StandardCharsets.UTF_8));
  }

  public Call body(byte[] bytes) {
    this.body = bytes.clone();
    this.hasBody = true;
    return this;
  }

  /** The body gzip-compressed, with {@code Content-Encoding: gzip}. */
  public Call gzipBody(byte[] bytes) {
    return body(gzip(bytes)).header("Content-Encoding", "gzip");
  }

  /** Do not wait out 429 answers. */
  public Call raw() {
    this.raw = true;
    return this;
  }

  public Reply send() {
    long waitedMillis = 0;
    while (true) {
      Reply reply = http.exchange(method, path, build());
      Optional<Long> retryAfter = retryAfterMillis(reply);
      if (raw || reply.status() != 429 || retryAfter.isEmpty()) {
        return reply;
      }
      long wait = retryAfter.get();
      if (waitedMillis + wait > http.maxRateLimitWait().toMillis()) {
        return reply;
      }
      waitedMillis += wait;
      sleep(wait);
    }
  }

  private HttpRequest.Builder build() {
    HttpRequest.Builder b = HttpRequest.newBuilder(http.resolve(path));
    boolean agent = false;
    for (String[] h : headers) {
      b.header(h[0], h[1]);
      agent |= h[0].equalsIgnoreCase("User-Agent");
    }
    if (!agent) {
      b.header("User-Agent", USER_AGENT);
    }
    HttpRequest.BodyPublisher publisher =
        hasBody
            ? HttpRequest.BodyPublishers.ofByteArray(body)
            : HttpRequest.BodyPublishers.noBody();
    return b.method(method, publisher);
  }

  private static Optional<Long> retryAfterMillis(Reply reply) {
    try {
      return reply.header("Retry-After").map(v -> Math.max(1, Long.parseLong(v.trim())) * 1000);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** gzip of {@code bytes}. */
  public static byte[] gzip(byte[] bytes) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
