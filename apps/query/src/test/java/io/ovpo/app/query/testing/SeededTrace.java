package io.ovpo.app.query.testing;

import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.TraceId;

/** A stored trace with one downloadable {@code ovpo://} artifact whose bytes are in the store. */
public record SeededTrace(TraceId traceId, ArtifactId artifactId, String objectKey, byte[] bytes) {
  /** The body of {@code POST /v1/artifacts/signed-url} for this artifact. */
  public String signedUrlBody() {
    return "{\"trace_id\":\"" + traceId + "\",\"artifact_id\":\"" + artifactId.value() + "\"}";
  }
}
