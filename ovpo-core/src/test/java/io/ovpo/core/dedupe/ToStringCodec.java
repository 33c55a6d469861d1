package io.ovpo.core.dedupe;

import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.out.ItemCodec;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** A fake codec whose bytes change whenever an item's content does (records print every field). */
final class ToStringCodec implements ItemCodec {
  @Override
  public byte[] encode(List<IngestItem> items) {
    return items.toString().getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public List<IngestItem> decode(byte[] payload) {
    throw new UnsupportedOperationException("not needed by dedupe keys");
  }
}
