package io.ovpo.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Sends ingest batches the way an SDK should: bearer key, schema version header, one
 * Idempotency-Key per batch that stays the same on every retry, and bounded retries on 429 (after
 * Retry-After) and 503.
 */
public final class DemoClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_ATTEMPTS = 6;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI ingest;
  private final String apiKey;

  public DemoClient(String baseUrl, String apiKey) {
    this.ingest = URI.create(baseUrl.replaceAll("/+$", "") + "/v1/ingest/batch");
    this.apiKey = apiKey;
  }

  /** Posts one batch; returns the parsed 202 receipt or throws with the server's error. */
  public JsonNode send(ObjectNode batch, String idempotencyKey)
      throws IOException, InterruptedException {
    byte[] body = JSON.writeValueAsBytes(batch);
    for (int attempt = 1; ; attempt++) {
      HttpRequest req =
          HttpRequest.newBuilder(ingest)
              .timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + apiKey)
              .header("Content-Type", "application/json")
              .header("X-OVPO-Schema-Version", "0.08")
              .header("Idempotency-Key", idempotencyKey)
              .POST(HttpRequest.BodyPublishers.ofByteArray(body))
              .build();
      HttpResponse<byte[]> res = http.send(req, HttpResponse.BodyHandlers.ofByteArray());
      int code = res.statusCode();
      if (code == 202) {
        return JSON.readTree(res.body());
      }
      if ((code == 429 || code == 503) && attempt < MAX_ATTEMPTS) {
        long wait = res.headers().firstValueAsLong("Retry-After").orElse(1L);
        Thread.sleep(Math.min(10_000, Math.max(200, wait * 1000)) + attempt * 50L);
        continue;
      }
      throw new IOException(
          "ingest answered "
              + code
              + ": "
              + new String(res.body(), java.nio.charset.StandardCharsets.UTF_8));
    }
  }
}
