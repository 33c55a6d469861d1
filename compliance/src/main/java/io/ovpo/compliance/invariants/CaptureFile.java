package io.ovpo.compliance.invariants;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.schemas.ItemResult;
import io.ovpo.schemas.SchemaValidator;
import io.ovpo.schemas.ValidationError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what a pipeline sent from a file, and groups it per trace. Accepted shapes, one JSON value
 * or one per line:
 *
 * <ul>
 *   <li>a batch body {@code {"items": [...]}};
 *   <li>a line of the Python SDK's {@code FileTransport} ({@code {"idempotency_key", "items"}});
 *   <li>a captured request {@code {"received_at": "...", "items": [...]}} (what {@code
 *       ovpo.compliance} writes): the receive time lets the observed_at skew be checked;
 *   <li>a JSON array of any of these, or a single item {@code {"item_type", "data"}}.
 * </ul>
 *
 * Items are merged the way a processor would: the highest-ranked trace state (the first terminal
 * one), spans filled in by later re-sends, the first event per event_id.
 */
public final class CaptureFile {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final List<TraceCapture> traces;
  private final List<String> schemaProblems;
  private final int itemCount;

  private CaptureFile(List<TraceCapture> traces, List<String> schemaProblems, int itemCount) {
    this.traces = List.copyOf(traces);
    this.schemaProblems = List.copyOf(schemaProblems);
    this.itemCount = itemCount;
  }

  /** The traces found, in order of first appearance. */
  public List<TraceCapture> traces() {
    return traces;
  }

  /** One message per item that breaks the JSON Schemas (with its position in the file). */
  public List<String> schemaProblems() {
    return schemaProblems;
  }

  public int itemCount() {
    return itemCount;
  }

  /**
   * Reads and groups a file.
   *
   * @throws IOException when it cannot be read or holds no JSON
   */
  public static CaptureFile read(Path file, SchemaValidator validator) throws IOException {
    List<Entry> entries = new ArrayList<>();
    try (MappingIterator<JsonNode> values =
        JSON.readerFor(JsonNode.class)
            .with(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .readValues(Files.newBufferedReader(file))) {
      while (values.hasNextValue()) {
        collect(values.nextValue(), Optional.empty(), entries);
      }
    }
    List<String> problems = new ArrayList<>();
    Grouper grouper = new Grouper(file.getFileName().toString());
    for (int i = 0; i < entries.size(); i++) {
      Entry e = entries.get(i);
      ItemResult result = validator.validateItem(i, e.item());
      for (ValidationError err : result.errors()) {
        problems.add("item " + i + ": " + err.message());
      }
      if (result.isValid()) {
        grouper.add(e.item(), e.receivedAt());
      }
    }
    return new CaptureFile(grouper.traces(), problems, entries.size());
  }

  private record Entry(JsonNode item, Optional<Instant> receivedAt) {}

  private static void collect(JsonNode value, Optional<Instant> receivedAt, List<Entry> out) {
    if (value.isArray()) {
      value.forEach(v -> collect(v, receivedAt, out));
    } else if (value.isObject() && value.has("items")) {
      Optional<Instant> at =
          Times.parse(value.path("received_at").asText(null)).or(() -> receivedAt);
      value.path("items").forEach(item -> out.add(new Entry(item, at)));
    } else {
      out.add(new Entry(value, receivedAt));
    }
  }

  /** Merges items per trace. */
  static final class Grouper {
    private final String source;
    private final Map<String, Builder> byTrace = new LinkedHashMap<>();

    Grouper(String source) {
      this.source = source;
    }

    void add(JsonNode item, Optional<Instant> receivedAt) {
      JsonNode data = item.path("data");
      Builder b = byTrace.computeIfAbsent(data.path("trace_id").asText(), Builder::new);
      switch (item.path("item_type").asText()) {
        case "trace" -> b.trace(data);
        case "span" -> b.span(data);
        case "frame_event" ->
            b.events.putIfAbsent(data.path("event_id").asText(), new Observation(data, receivedAt));
        default -> {} // manifests carry nothing the invariants look at
      }
    }

    List<TraceCapture> traces() {
      List<TraceCapture> out = new ArrayList<>();
      byTrace
          .values()
          .forEach(
              b ->
                  out.add(
                      new TraceCapture(
                          b.traceId,
                          Optional.ofNullable(b.trace),
                          new ArrayList<>(b.spans.values()),
                          new ArrayList<>(b.events.values()),
                          source)));
      return out;
    }
  }

  private static final class Builder {
    private final String traceId;
    private JsonNode trace;
    private final Map<String, ObjectNode> spans = new LinkedHashMap<>();
    private final Map<String, Observation> events = new LinkedHashMap<>();

    Builder(String traceId) {
      this.traceId = traceId;
    }

    /** Higher rank wins; a terminal state is final; the same non-terminal rank updates. */
    void trace(JsonNode incoming) {
      if (trace == null) {
        trace = incoming;
        return;
      }
      int stored = rank(trace.path("status").asText());
      int next = rank(incoming.path("status").asText());
      if (next > stored || (next == stored && stored < 2)) {
        trace = incoming;
      }
    }

    /** The first send of a span, with fields it lacked filled in by re-sends (04 §4.2). */
    void span(JsonNode incoming) {
      ObjectNode stored = spans.get(incoming.path("span_id").asText());
      if (stored == null) {
        spans.put(incoming.path("span_id").asText(), (ObjectNode) incoming.deepCopy());
        return;
      }
      for (String field : List.of("end_time", "status", "parent_span_id")) {
        if ((!stored.has(field) || stored.path(field).asText().equals("UNSET"))
            && incoming.has(field)) {
          stored.set(field, incoming.get(field));
        }
      }
    }

    private static int rank(String status) {
      return switch (status) {
        case "PENDING" -> 0;
        case "RUNNING" -> 1;
        default -> 2;
      };
    }
  }
}
