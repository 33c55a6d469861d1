package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.http.ApiClient;
import io.ovpo.app.cli.http.ApiResponse;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.KeyValues;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import io.ovpo.wire.WireJson;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

/** {@code ovpo ping}: is the server alive ({@code /health}) and ready ({@code /ready})? */
@Command(
    name = "ping",
    description = {
      "Check that the server is alive (GET /health) and ready (GET /ready: every backend"
          + " reachable). Needs no API key.",
      "Exit status 0 when alive and ready, 3 otherwise."
    })
final class PingCommand extends BaseCommand {
  @Override
  public Integer call() {
    ApiClient client = client();
    Probe health = probe(client, "/health");
    Probe ready = probe(client, "/ready");
    boolean ok = health.response().status() == 200 && ready.response().status() == 200;

    Printer p = printer();
    switch (format()) {
      case JSON -> {
        ObjectNode o = WireJson.object();
        o.put("url", client.url().toString());
        o.set("health", health.json());
        o.set("ready", ready.json());
        o.put("ok", ok);
        p.json(o);
      }
      case CSV -> p.table(checks(ready));
      case TABLE -> {
        p.keyValues(
            new KeyValues()
                .add("url", client.url().toString())
                .add("health", health.summary())
                .add("ready", ready.summary()));
        Table checks = checks(ready);
        if (!checks.isEmpty()) {
          p.line("");
          p.table(checks);
        }
      }
    }
    return ok ? ExitCodes.OK : ExitCodes.UNAVAILABLE;
  }

  private static Probe probe(ApiClient client, String path) {
    long start = System.nanoTime();
    ApiResponse r = client.exchange("GET", path, Query.create(), Optional.empty(), Map.of(), false);
    return new Probe(r, (System.nanoTime() - start) / 1_000_000);
  }

  private static Table checks(Probe ready) {
    Table t = Table.of(Column.fixed("COMPONENT"), Column.fixed("STATUS"), Column.text("DETAIL"));
    ready
        .response()
        .jsonIfAny()
        .map(j -> j.path("checks"))
        .filter(JsonNode::isObject)
        .ifPresent(
            checks ->
                checks
                    .fields()
                    .forEachRemaining(
                        e ->
                            t.row(
                                e.getKey(),
                                Formats.text(e.getValue(), "status"),
                                Formats.text(e.getValue(), "detail"))));
    return t;
  }

  /** One probe's answer and round-trip time. */
  private record Probe(ApiResponse response, long millis) {
    String summary() {
      String status =
          response
              .jsonIfAny()
              .map(j -> j.path("status").asText(""))
              .filter(s -> !s.isEmpty())
              .orElse("no status");
      return status + " (HTTP " + response.status() + ", " + millis + " ms)";
    }

    ObjectNode json() {
      ObjectNode o = WireJson.object();
      o.put("http_status", response.status());
      o.put("latency_ms", millis);
      response.jsonIfAny().ifPresent(b -> o.set("body", b));
      return o;
    }
  }
}
