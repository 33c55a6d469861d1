package io.ovpo.ports.model;

import java.util.Arrays;
import java.util.Optional;

/** The {@code item_type} of an ingest batch item, with its lower-case wire name. */
public enum ItemType {
  TRACE("trace"),
  SPAN("span"),
  FRAME_EVENT("frame_event"),
  ARTIFACT_MANIFEST("artifact_manifest");

  private final String wire;

  ItemType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The type for a wire name, or empty for anything else. */
  public static Optional<ItemType> fromWire(String wire) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
  }
}
