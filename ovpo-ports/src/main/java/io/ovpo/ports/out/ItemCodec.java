package io.ovpo.ports.out;

import io.ovpo.ports.model.IngestItem;
import java.util.List;

/**
 * Encodes validated items into an envelope payload and back (the wire JSON of spec 01). Decoding a
 * payload this codec produced always succeeds; anything else throws {@link
 * IllegalArgumentException} (a poison message).
 */
public interface ItemCodec {
  byte[] encode(List<IngestItem> items);

  List<IngestItem> decode(byte[] payload);
}
