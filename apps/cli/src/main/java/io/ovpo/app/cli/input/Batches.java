package io.ovpo.app.cli.input;

import io.ovpo.wire.WireJson;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Packs items into ingest bodies in file order: a batch closes when it holds {@code maxItems} items
 * or the next item would take the body over {@code maxBytes}. An item that alone exceeds the limit
 * goes into {@link Plan#tooLarge} and is never sent.
 */
public final class Batches {
  private static final byte[] HEAD =
      "{\"items\":[".getBytes(java.nio.charset.StandardCharsets.UTF_8);
  private static final byte[] TAIL = "]}".getBytes(java.nio.charset.StandardCharsets.UTF_8);

  private Batches() {}

  /**
   * One ingest body.
   *
   * @param items its items, in order
   * @param body the exact bytes to send
   */
  public record Batch(List<InputItem> items, byte[] body) {
    public Batch {
      items = List.copyOf(items);
    }
  }

  /**
   * The batches and the items too large for any.
   *
   * @param batches bodies to send, in order
   * @param tooLarge items over the size limit on their own
   */
  public record Plan(List<Batch> batches, List<InputItem> tooLarge) {
    public Plan {
      batches = List.copyOf(batches);
      tooLarge = List.copyOf(tooLarge);
    }
  }

  /** Packs the items that are items (those with a read problem are left out). */
  public static Plan plan(List<InputItem> items, int maxItems, int maxBytes) {
    if (maxItems < 1) {
      throw new IllegalArgumentException("maxItems must be >= 1");
    }
    List<Batch> batches = new ArrayList<>();
    List<InputItem> tooLarge = new ArrayList<>();
    List<InputItem> current = new ArrayList<>();
    List<byte[]> encoded = new ArrayList<>();
    int size = HEAD.length + TAIL.length;
    for (InputItem item : items) {
      if (item.item().isEmpty()) {
        continue;
      }
      byte[] bytes = WireJson.toBytes(item.item().get());
      if (HEAD.length + TAIL.length + bytes.length > maxBytes) {
        tooLarge.add(item);
        continue;
      }
      int added = bytes.length + (current.isEmpty() ? 0 : 1);
      if (!current.isEmpty() && (current.size() == maxItems || size + added > maxBytes)) {
        batches.add(close(current, encoded));
        current = new ArrayList<>();
        encoded = new ArrayList<>();
        size = HEAD.length + TAIL.length;
        added = bytes.length;
      }
      current.add(item);
      encoded.add(bytes);
      size += added;
    }
    if (!current.isEmpty()) {
      batches.add(close(current, encoded));
    }
    return new Plan(batches, tooLarge);
  }

  private static Batch close(List<InputItem> items, List<byte[]> encoded) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HEAD);
    for (int i = 0; i < encoded.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      out.writeBytes(encoded.get(i));
    }
    out.writeBytes(TAIL);
    return new Batch(items, out.toByteArray());
  }
}
