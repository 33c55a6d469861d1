package io.ovpo.ports.model;

import java.util.Objects;

/**
 * What a {@link io.ovpo.ports.out.TraceViewCache} lookup found: the cached bytes, or a miss with
 * the stamp a later put must present.
 */
public sealed interface CacheLookup {
  /** A live entry; {@code value} is the caller's own copy. */
  record Hit(byte[] value) implements CacheLookup {
    public Hit {
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * No live entry. {@code stamp} is opaque: a put with it stores only if nothing invalidated the
   * entry's scope since this lookup.
   */
  record Miss(String stamp) implements CacheLookup {
    public Miss {
      Objects.requireNonNull(stamp, "stamp");
    }
  }
}
