package io.ovpo.adapter.redis;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A stored receipt as text: a header line {@code r1 <request_id> <status> <processed> <failed>
 * <duplicate>}, then one line per item error {@code <index> <item_type|-> <code> <field>
 * <message>}, tab-separated, strings percent-encoded so they never contain a tab or a newline.
 * Round-trips every receipt exactly, so a replay equals the first response.
 */
final class ReceiptCodec {
  private static final String VERSION = "r1";

  private ReceiptCodec() {}

  static String encode(IngestReceipt r) {
    StringBuilder out =
        new StringBuilder(64 + 96 * r.errors().size())
            .append(VERSION)
            .append('\t')
            .append(text(r.requestId()))
            .append('\t')
            .append(r.httpStatus())
            .append('\t')
            .append(r.processedItems())
            .append('\t')
            .append(r.failedItems())
            .append('\t')
            .append(r.duplicate() ? '1' : '0');
    for (ItemError e : r.errors()) {
      out.append('\n')
          .append(e.itemIndex())
          .append('\t')
          .append(e.itemType().map(ItemType::wire).orElse("-"))
          .append('\t')
          .append(e.code().name())
          .append('\t')
          .append(text(e.field()))
          .append('\t')
          .append(text(e.message()));
    }
    return out.toString();
  }

  /**
   * @throws IllegalArgumentException when {@code s} is not an encoded receipt
   */
  static IngestReceipt decode(String s) {
    String[] lines = s.split("\n", -1);
    String[] head = fields(lines[0], 6);
    if (!head[0].equals(VERSION)) {
      throw new IllegalArgumentException("unknown receipt format " + head[0]);
    }
    List<ItemError> errors = new ArrayList<>(lines.length - 1);
    for (int i = 1; i < lines.length; i++) {
      String[] f = fields(lines[i], 5);
      Optional<ItemType> type = f[1].equals("-") ? Optional.empty() : ItemType.fromWire(f[1]);
      errors.add(
          new ItemError(
              Integer.parseInt(f[0]), type, ErrorCode.valueOf(f[2]), untext(f[3]), untext(f[4])));
    }
    return new IngestReceipt(
        untext(head[1]),
        Integer.parseInt(head[2]),
        Integer.parseInt(head[3]),
        Integer.parseInt(head[4]),
        head[5].equals("1"),
        errors);
  }

  private static String[] fields(String line, int n) {
    String[] f = line.split("\t", -1);
    if (f.length != n) {
      throw new IllegalArgumentException("expected " + n + " fields, got " + f.length);
    }
    return f;
  }

  static String text(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  static String untext(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }
}
