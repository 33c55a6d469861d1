package io.ovpo.app.collector;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Fixtures;
import io.ovpo.wire.ModelWriter;
import io.ovpo.wire.WireJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Ingest bodies built from valid model records (testkit fixtures) and wire JSON nodes. */
final class Batches {
  private Batches() {}

  /** {@code {"items": [...]}} of the given item nodes. */
  static byte[] body(List<ObjectNode> items) {
    ObjectNode root = WireJson.object();
    ArrayNode array = root.putArray("items");
    items.forEach(array::add);
    return WireJson.toBytes(root);
  }

  static byte[] bodyOf(IngestItem... items) {
    List<ObjectNode> nodes = new ArrayList<>();
    for (IngestItem i : items) {
      nodes.add(ModelWriter.item(i));
    }
    return body(nodes);
  }

  /** One item of each type, all of one new trace. */
  static List<IngestItem> oneOfEach(Fixtures fx) {
    TraceId t = fx.traceId();
    return List.of(
        new IngestItem.TraceItem(fx.trace().id(t).build()),
        new IngestItem.SpanItem(fx.span(t).durationMs(1500).build()),
        new IngestItem.FrameEventItem(fx.event(t).frame(0).build()),
        new IngestItem.ManifestItem(fx.manifest(t).build()));
  }

  /** {@code n} frame events of one new trace. */
  static List<IngestItem> frames(Fixtures fx, int n) {
    TraceId t = fx.traceId();
    List<IngestItem> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new IngestItem.FrameEventItem(fx.event(t).frame(i).gpu(20_000, 90).build()));
    }
    return out;
  }

  static ObjectNode node(IngestItem item) {
    return ModelWriter.item(item);
  }

  static byte[] gzip(byte[] plain) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(plain);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }
}
