package io.ovpo.ports.model;

/** What an artifact holds. */
public enum ArtifactKind {
  VIDEO,
  THUMBNAIL,
  FRAME,
  LATENT,
  LOG
}
