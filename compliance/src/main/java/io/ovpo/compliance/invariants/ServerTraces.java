package io.ovpo.compliance.invariants;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.compliance.Expect;
import io.ovpo.compliance.http.OvpoHttp;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads traces back from a server's query API, every events page included (spec 05 §4.3). */
public final class ServerTraces {
  private ServerTraces() {}

  /** One trace as the server stores it. */
  public static TraceCapture read(OvpoHttp http, String apiKey, String traceId) {
    List<Observation> events = new ArrayList<>();
    JsonNode first = null;
    String cursor = null;
    for (int page = 0; page < 1_000; page++) {
      String path =
          "/v1/traces/"
              + traceId
              + "?events_limit=100000"
              + (cursor == null
                  ? ""
                  : "&events_cursor=" + URLEncoder.encode(cursor, StandardCharsets.UTF_8));
      JsonNode detail = Expect.status(http.get(path, apiKey), 200).json();
      first = first == null ? detail : first;
      for (JsonNode e : detail.path("frame_events")) {
        events.add(new Observation(e, Times.parse(e.path("received_at").asText(null))));
      }
      if (!detail.path("events_has_more").asBoolean()) {
        break;
      }
      cursor = detail.path("events_next_cursor").asText();
    }
    List<JsonNode> spans = new ArrayList<>();
    first.path("spans").forEach(spans::add);
    return new TraceCapture(traceId, Optional.of(first.path("trace")), spans, events, "server");
  }

  /** The ids of the newest traces of the key's tenant, optionally with a tag ({@code k:v}). */
  public static List<String> newest(OvpoHttp http, String apiKey, int limit, Optional<String> tag) {
    String path =
        "/v1/traces?limit="
            + Math.min(200, Math.max(1, limit))
            + tag.map(t -> "&tag=" + URLEncoder.encode(t, StandardCharsets.UTF_8)).orElse("");
    JsonNode list = Expect.status(http.get(path, apiKey), 200).json();
    List<String> ids = new ArrayList<>();
    list.path("data").forEach(t -> ids.add(t.path("trace_id").asText()));
    return ids;
  }
}
