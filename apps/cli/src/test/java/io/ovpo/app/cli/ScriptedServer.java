package io.ovpo.app.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * An HTTP server that answers ingest requests with a script of canned answers (the last one
 * repeats), and records the requests: for the failure paths a real OVPO does not take on demand
 * (503, 429). Only the JDK's built-in server.
 */
final class ScriptedServer implements AutoCloseable {
  /** A canned answer. */
  record Answer(int status, Map<String, String> headers, String body) {}

  /** A request seen: its Idempotency-Key and body. */
  record Seen(String idempotencyKey, String body) {}

  private final HttpServer server;
  private final Deque<Answer> script = new ConcurrentLinkedDeque<>();
  private final List<Seen> seen = new ArrayList<>();

  ScriptedServer(List<Answer> answers) throws IOException {
    script.addAll(answers);
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          synchronized (seen) {
            seen.add(
                new Seen(
                    ex.getRequestHeaders().getFirst("Idempotency-Key"),
                    new String(body, StandardCharsets.UTF_8)));
          }
          Answer a = script.size() > 1 ? script.poll() : script.peek();
          a.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
          ex.getResponseHeaders().add("Content-Type", "application/json");
          ex.getResponseHeaders().add("X-Request-Id", "req-" + seen.size());
          byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Seen> seen() {
    synchronized (seen) {
      return List.copyOf(seen);
    }
  }

  static Answer error(int status, String code, Map<String, String> headers) {
    return new Answer(
        status,
        headers,
        "{\"error\": {\"code\": \""
            + code
            + "\", \"message\": \"scripted\", \"request_id\": \"r1\"}}");
  }

  static Answer receipt(int processed) {
    return new Answer(
        202,
        Map.of(),
        "{\"request_id\": \"r2\", \"processed_items\": "
            + processed
            + ", \"failed_items\": 0, \"duplicate\": false, \"errors\": []}");
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
