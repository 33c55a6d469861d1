package io.ovpo.core.service;

import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.out.ItemCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A codec fake: the payload is the items' record text (deterministic by content, as the real JSON
 * codec is), and decoding looks the text up. Anything it did not produce is undecodable.
 */
final class TestCodec implements ItemCodec {
  private final ConcurrentHashMap<String, List<IngestItem>> produced = new ConcurrentHashMap<>();

  @Override
  public byte[] encode(List<IngestItem> items) {
    String text = "{\"items\":" + items + "}";
    produced.put(text, List.copyOf(items));
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public List<IngestItem> decode(byte[] payload) {
    List<IngestItem> items = produced.get(new String(payload, StandardCharsets.UTF_8));
    if (items == null) {
      throw new IllegalArgumentException("not a payload of this codec");
    }
    return items;
  }
}
