package io.ovpo.ports.out;

import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemJson;
import java.util.List;
import java.util.Optional;

/**
 * Encodes validated items into an envelope payload and back (the wire JSON of spec 01). Decoding a
 * payload this codec produced always succeeds; anything else throws {@link
 * IllegalArgumentException} (a poison message).
 */
public interface ItemCodec {
  byte[] encode(List<IngestItem> items);

  /**
   * Encodes items of which some arrive with their JSON as received ({@code received.get(i)} holds
   * item i exactly as the client sent it, and it passed validation). A codec whose format is that
   * JSON may copy those bytes instead of encoding the records again; decoding the payload gives the
   * same items either way. The default encodes the records.
   *
   * @throws IllegalArgumentException when the two lists differ in size
   */
  default byte[] encode(List<IngestItem> items, List<Optional<ItemJson>> received) {
    if (items.size() != received.size()) {
      throw new IllegalArgumentException("one received JSON (or none) per item");
    }
    return encode(items);
  }

  List<IngestItem> decode(byte[] payload);
}
