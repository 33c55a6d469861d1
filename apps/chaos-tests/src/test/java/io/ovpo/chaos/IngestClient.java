package io.ovpo.chaos;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Sends ingest batches as an SDK does: each batch with its own Idempotency-Key, resent with the
 * same key after a network error or a 429/503, so a batch counts once however often it is sent.
 */
final class IngestClient {
  private static final Pattern PROCESSED = Pattern.compile("\"processed_items\":(\\d+)");
  private static final Pattern FAILED = Pattern.compile("\"failed_items\":(\\d+)");
  private static final int ATTEMPTS = 20;

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();
  private final URI endpoint;
  private final String apiKey;

  IngestClient(URI endpoint, String apiKey) {
    this.endpoint = endpoint;
    this.apiKey = apiKey;
  }

  /**
   * Sends one batch until the collector accepts it.
   *
   * @return the number of items the collector accepted
   * @throws IllegalStateException when an item was refused or the collector kept failing
   */
  int send(byte[] body, int items) throws InterruptedException {
    String key = UUID.randomUUID().toString();
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + apiKey)
                    .header("X-OVPO-Schema-Version", "0.08")
                    .header("Content-Type", "application/json")
                    .header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 202) {
          int accepted = number(PROCESSED, r.body());
          if (accepted != items || number(FAILED, r.body()) != 0) {
            throw new IllegalStateException("items refused: " + r.body());
          }
          return accepted;
        }
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() != 429 && r.statusCode() != 503) {
          throw new IllegalStateException("ingest answered " + last);
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(Math.min(2_000, 100L * attempt));
    }
    throw new IllegalStateException("batch not accepted after " + ATTEMPTS + " attempts: " + last);
  }

  private static int number(Pattern p, String body) {
    Matcher m = p.matcher(body);
    if (!m.find()) {
      throw new IllegalStateException("unexpected ingest answer: " + body);
    }
    return Integer.parseInt(m.group(1));
  }
}
