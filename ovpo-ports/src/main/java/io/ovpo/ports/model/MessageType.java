package io.ovpo.ports.model;

import java.util.Arrays;
import java.util.Collection;
import java.util.Optional;

/** What an envelope carries: items of one type, or {@code mixed}. */
public enum MessageType {
  TRACE("trace"),
  SPAN("span"),
  FRAME_EVENT("frame_event"),
  ARTIFACT_MANIFEST("artifact_manifest"),
  MIXED("mixed");

  private final String wire;

  MessageType(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  public static Optional<MessageType> fromWire(String wire) {
    return Arrays.stream(values()).filter(t -> t.wire.equals(wire)).findFirst();
  }

  /** The type describing a group of items. */
  public static MessageType of(Collection<ItemType> types) {
    if (types.size() != 1) {
      return MIXED;
    }
    return switch (types.iterator().next()) {
      case TRACE -> TRACE;
      case SPAN -> SPAN;
      case FRAME_EVENT -> FRAME_EVENT;
      case ARTIFACT_MANIFEST -> ARTIFACT_MANIFEST;
    };
  }
}
