package io.ovpo.wire;

import io.ovpo.ports.in.DecodedItem;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An ingest body after {@link BatchDecoder}: every item in order, valid or not, and the hash that
 * identifies "the same body" for Idempotency-Key checks.
 *
 * @param bodySha256 lower-case hex SHA-256 of the (decompressed) body bytes
 * @param items one entry per item of {@code items}, index = position
 */
public record DecodedBatch(String bodySha256, List<DecodedItem> items) {
  private static final Pattern HEX64 = Pattern.compile("^[0-9a-f]{64}$");

  public DecodedBatch {
    if (bodySha256 == null || !HEX64.matcher(bodySha256).matches()) {
      throw new IllegalArgumentException("bodySha256 must be 64 lower-case hex characters");
    }
    items = List.copyOf(items);
  }

  /** Items that passed the schema and the model's constructors. */
  public long validCount() {
    return items.stream().filter(i -> i instanceof DecodedItem.Valid).count();
  }

  /** Items refused here, each with at least one error. */
  public long invalidCount() {
    return items.size() - validCount();
  }
}
