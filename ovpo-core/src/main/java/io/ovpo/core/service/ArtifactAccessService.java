package io.ovpo.core.service;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.ArtifactAccessUseCase;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.ObjectGrant;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.ObjectStore;
import io.ovpo.ports.out.TraceStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Signed download links for a trace's artifacts ({@code POST /v1/artifacts/signed-url}), valid for
 * {@link #LINK_TTL}, each one audited as ARTIFACT_DOWNLOAD. The object key is the artifact URI
 * without its scheme ({@code ovpo://a/b} and {@code s3://a/b} both address {@code a/b}).
 */
public final class ArtifactAccessService implements ArtifactAccessUseCase {
  public static final Duration LINK_TTL = Duration.ofMinutes(10);

  private final TraceStore traces;
  private final ArtifactStore artifacts;
  private final ObjectStore objects;
  private final AuditTrail audit;
  private final Clock clock;

  public ArtifactAccessService(
      TraceStore traces,
      ArtifactStore artifacts,
      ObjectStore objects,
      AuditTrail audit,
      Clock clock) {
    this.traces = Objects.requireNonNull(traces, "traces");
    this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    this.objects = Objects.requireNonNull(objects, "objects");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public SignedUrl signedUrl(
      Principal principal, RequestContext request, TraceId traceId, ArtifactId artifactId) {
    Access.require(principal, Permission.TRACE_READ);
    TenantId tenant = principal.tenantId();
    if (traces.get(tenant, traceId).isEmpty()) {
      throw new OvpoException(ErrorCode.NOT_FOUND, "trace not found");
    }
    ArtifactRef ref =
        artifacts
            .find(tenant, traceId, artifactId)
            .orElseThrow(() -> new OvpoException(ErrorCode.NOT_FOUND, "artifact not found"));
    Instant now = clock.instant();
    SignedUrl url = objects.sign(tenant, objectKey(ref.uri()), now.plus(LINK_TTL));
    audit.record(
        AuditTrail.event(
            principal,
            request,
            tenant,
            AuditAction.ARTIFACT_DOWNLOAD,
            Optional.of("artifact:" + traceId.value() + "/" + artifactId.value()),
            Map.of("expires_at", AuditTrail.timestamp(url.expiresAt()), "kind", ref.kind().name()),
            now));
    return url;
  }

  /**
   * 403 for a link that is expired, altered or forged (its tenant included); 404 when its object is
   * gone (05 §7). Object keys are global ({@link ObjectStore}), so the link's signed tenant is not
   * re-checked against the object: it was checked when the link was issued.
   */
  @Override
  public StoredObject download(Map<String, String> queryParameters) {
    ObjectGrant grant =
        objects
            .signedKey(queryParameters, clock.instant())
            .orElseThrow(
                () ->
                    new OvpoException(
                        ErrorCode.FORBIDDEN, "the download link is invalid, altered or expired"));
    return objects
        .get(grant.key())
        .orElseThrow(() -> new OvpoException(ErrorCode.NOT_FOUND, "the object is gone"));
  }

  /** The URI without its scheme. */
  static String objectKey(String uri) {
    int i = uri.indexOf("://");
    return i < 0 ? uri : uri.substring(i + 3);
  }
}
