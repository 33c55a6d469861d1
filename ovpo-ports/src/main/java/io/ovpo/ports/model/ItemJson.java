package io.ovpo.ports.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * One batch item's JSON ({@code {"item_type": ..., "data": ...}}) exactly as the client sent it: a
 * range of the decoded request body. The collector passes it on with the item it decoded, so that
 * an item that passed validation can be queued as received instead of being encoded again (see
 * {@link io.ovpo.ports.out.ItemCodec#encode(java.util.List, java.util.List)}).
 *
 * @param source the whole decoded body; shared, never modified
 * @param offset where the item's JSON starts in {@code source}
 * @param length its length in bytes
 */
public record ItemJson(byte[] source, int offset, int length) {
  public ItemJson {
    Objects.requireNonNull(source, "source");
    Objects.checkFromIndexSize(offset, length, source.length);
    if (length < 2) {
      throw new IllegalArgumentException("an item's JSON is an object, at least 2 bytes");
    }
  }

  /** A copy of the item's bytes. */
  public byte[] bytes() {
    return Arrays.copyOfRange(source, offset, offset + length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ItemJson j
        && Arrays.equals(source, offset, offset + length, j.source, j.offset, j.offset + j.length);
  }

  @Override
  public int hashCode() {
    int h = 1;
    for (int i = offset; i < offset + length; i++) {
      h = 31 * h + source[i];
    }
    return h;
  }

  @Override
  public String toString() {
    return "ItemJson[" + length + " bytes]";
  }
}
