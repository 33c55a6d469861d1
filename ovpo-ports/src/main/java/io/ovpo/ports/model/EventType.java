package io.ovpo.ports.model;

/** Kind of per-frame event. Frame checks run separately for each type. */
public enum EventType {
  FRAME_GENERATED,
  FRAME_DECODED,
  FRAME_ERROR,
  GPU_SAMPLE
}
