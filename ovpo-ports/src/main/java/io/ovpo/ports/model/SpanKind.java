package io.ovpo.ports.model;

/** The stage of a video-generation pipeline a span measures. */
public enum SpanKind {
  LOAD,
  TEXT_ENCODE,
  SAMPLING,
  DECODE,
  OUTPUT_ENCODE,
  UPSCALE,
  INTERPOLATE,
  SAFETY_CHECK,
  CUSTOM
}
