package io.ovpo.core.dedupe;

import io.ovpo.core.internal.Sha256;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.out.ItemCodec;
import java.time.Duration;
import java.util.List;

/**
 * Keys of the processor's item dedupe (DESIGN.md section 5). Frame events and manifests are
 * immutable by id, so their key is the id alone. A trace is a series of state updates and a span
 * may be re-sent with fill-ins, so their keys include a hash of the content: a legitimate update
 * gets a new key, an exact redelivery the same one.
 */
public final class DedupeKeys {
  /** How long keys are remembered: the 24 h guarantee plus a margin for queue lag. */
  public static final Duration WINDOW = Duration.ofHours(25);

  private DedupeKeys() {}

  /**
   * {@code t:<trace_id>:<sha256>} for traces, {@code s:<span_id>:<sha256>} for spans (sha256 of the
   * codec's bytes for that one item), {@code e:<event_id>} for frame events, {@code
   * m:<manifest_id>} for manifests. Keys are scoped per tenant by the store.
   */
  public static String key(IngestItem item, ItemCodec codec) {
    return switch (item.itemType()) {
      case TRACE -> "t:" + item.itemId() + ":" + contentHash(item, codec);
      case SPAN -> "s:" + item.itemId() + ":" + contentHash(item, codec);
      case FRAME_EVENT -> "e:" + item.itemId();
      case ARTIFACT_MANIFEST -> "m:" + item.itemId();
    };
  }

  private static String contentHash(IngestItem item, ItemCodec codec) {
    return Sha256.hex(codec.encode(List.of(item)));
  }
}
