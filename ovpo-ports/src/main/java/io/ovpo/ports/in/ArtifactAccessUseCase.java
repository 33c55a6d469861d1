package io.ovpo.ports.in;

import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.TraceId;
import java.util.Map;

/** Signed download links for a trace's artifacts (trace:read), audited as ARTIFACT_DOWNLOAD. */
public interface ArtifactAccessUseCase {
  /**
   * A link valid for 10 minutes.
   *
   * @throws io.ovpo.ports.error.OvpoException NOT_FOUND when the tenant has no such trace or the
   *     trace no such artifact
   */
  SignedUrl signedUrl(
      Principal principal, RequestContext request, TraceId traceId, ArtifactId artifactId);

  /**
   * Serves a link that points back at OVPO.
   *
   * @throws io.ovpo.ports.error.OvpoException FORBIDDEN for an expired, altered or forged link;
   *     NOT_FOUND when the object is gone
   */
  StoredObject download(Map<String, String> queryParameters);
}
