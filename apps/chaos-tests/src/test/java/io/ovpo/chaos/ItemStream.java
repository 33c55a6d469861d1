package io.ovpo.chaos;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import io.ovpo.wire.ModelWriter;
import io.ovpo.wire.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The items a chaos run sends, as render jobs would: per trace a RUNNING state first, four spans,
 * frame events (the bulk) and a COMPLETED state last, at most {@value #PER_TRACE} items a trace.
 * Five traces render at a time, so a batch carries five traces' items (five envelopes). Ids are
 * fixed up front; a batch's JSON is built when it is sent.
 */
final class ItemStream {
  static final int PER_TRACE = 1000;
  private static final int SPANS = 4;
  private static final int CONCURRENT_TRACES = 5;

  private final List<TraceId> traces = new ArrayList<>();
  private final List<SpanId> spans = new ArrayList<>();
  private final List<EventId> events = new ArrayList<>();
  private final List<Item> items = new ArrayList<>();
  private final int batchSize;

  /** One item to send: which trace, what kind, and its id index in the kind's list. */
  private record Item(int trace, char kind, int index, int frame) {}

  ItemStream(Fixtures fx, int total, int batchSize) {
    if (total < 1 || batchSize < 1) {
      throw new IllegalArgumentException("need at least one item and a positive batch size");
    }
    this.batchSize = batchSize;
    List<List<Item>> perTrace = new ArrayList<>();
    for (int left = total; left > 0; left -= PER_TRACE) {
      int n = Math.min(PER_TRACE, left);
      int t = traces.size();
      traces.add(fx.traceId());
      List<Item> mine = new ArrayList<>(n);
      mine.add(new Item(t, 'r', t, 0));
      int spanCount = n >= SPANS + 2 ? SPANS : 0;
      for (int s = 0; s < spanCount; s++) {
        mine.add(new Item(t, 's', spans.size(), 0));
        spans.add(fx.spanId());
      }
      for (int f = 0; f < n - 2 - spanCount; f++) {
        mine.add(new Item(t, 'e', events.size(), f));
        events.add(fx.eventId());
      }
      if (n >= 2) {
        mine.add(new Item(t, 'c', t, 0));
      }
      perTrace.add(mine);
    }
    // render CONCURRENT_TRACES traces at a time: their items interleave in slices
    int slice = Math.max(1, batchSize / CONCURRENT_TRACES);
    for (int g = 0; g < perTrace.size(); g += CONCURRENT_TRACES) {
      List<List<Item>> group =
          perTrace.subList(g, Math.min(perTrace.size(), g + CONCURRENT_TRACES));
      for (int from = 0; ; from += slice) {
        boolean any = false;
        for (List<Item> trace : group) {
          if (from < trace.size()) {
            items.addAll(trace.subList(from, Math.min(trace.size(), from + slice)));
            any = true;
          }
        }
        if (!any) {
          break;
        }
      }
    }
  }

  int size() {
    return items.size();
  }

  int batches() {
    return (items.size() + batchSize - 1) / batchSize;
  }

  /** {@code {"items": [...]}} of batch {@code b}; {@code fx} supplies the non-id fields. */
  byte[] body(int b, Fixtures fx) {
    ObjectNode root = WireJson.object();
    ArrayNode array = root.putArray("items");
    for (Item i : items.subList(b * batchSize, Math.min(items.size(), (b + 1) * batchSize))) {
      array.add(ModelWriter.item(toItem(i, fx)));
    }
    return WireJson.toBytes(root);
  }

  int batchItems(int b) {
    return Math.min(items.size(), (b + 1) * batchSize) - b * batchSize;
  }

  Set<String> traceIds() {
    return traces.stream().map(TraceId::value).collect(Collectors.toSet());
  }

  Set<String> spanIds() {
    return spans.stream().map(SpanId::value).collect(Collectors.toSet());
  }

  Set<String> eventIds() {
    return events.stream().map(EventId::value).collect(Collectors.toSet());
  }

  List<String> traceIdList() {
    return traces.stream().map(TraceId::value).toList();
  }

  private IngestItem toItem(Item i, Fixtures fx) {
    TraceId trace = traces.get(i.trace());
    return switch (i.kind()) {
      case 'r' -> new IngestItem.TraceItem(fx.trace().id(trace).build());
      case 'c' ->
          new IngestItem.TraceItem(fx.trace().id(trace).status(TraceStatus.COMPLETED).build());
      case 's' ->
          new IngestItem.SpanItem(
              fx.span(trace)
                  .id(spans.get(i.index()))
                  .kind(SpanKind.values()[i.index() % 4])
                  .durationMs(1000 + i.index() % 500)
                  .build());
      default ->
          new IngestItem.FrameEventItem(
              fx.event(trace)
                  .id(events.get(i.index()))
                  .frame(i.frame())
                  .gpu(40_000 + i.frame() % 1000, 90)
                  .build());
    };
  }
}
