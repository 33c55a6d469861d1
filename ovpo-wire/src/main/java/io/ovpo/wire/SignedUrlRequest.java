package io.ovpo.wire;

import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.TraceId;

/** Body of {@code POST /v1/artifacts/signed-url}: {@code {trace_id, artifact_id}}. */
public record SignedUrlRequest(TraceId traceId, ArtifactId artifactId) {
  public SignedUrlRequest {
    if (traceId == null) {
      throw new InvalidValueException("trace_id", "is required");
    }
    if (artifactId == null) {
      throw new InvalidValueException("artifact_id", "is required");
    }
  }
}
