package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceRecord;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class ArtifactAccessServiceTest {
  private Harness h;
  private Principal viewer;
  private TraceRecord trace;
  private ArtifactRef video;

  @BeforeEach
  void start(TestInfo info) {
    h = new Harness(info.getDisplayName());
    viewer = h.principal(Role.VIEWER);
    trace = h.fx.record(h.tenant).build();
    h.memory.traceStore().put(trace, 0);
    ArtifactManifest m = h.fx.manifest(trace.traceId()).artifact(ArtifactKind.VIDEO).build();
    h.memory.artifactStore().putManifest(h.tenant, m, io.ovpo.testkit.Fixtures.T0);
    video = m.artifacts().get(0);
    h.memory.objectStore().put(h.fx.object(ArtifactAccessService.objectKey(video.uri())));
  }

  @AfterEach
  void close() {
    h.close();
  }

  private static Map<String, String> query(SignedUrl url) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : url.url().getRawQuery().split("&")) {
      int i = pair.indexOf('=');
      out.put(
          URLDecoder.decode(pair.substring(0, i), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(i + 1), StandardCharsets.UTF_8));
    }
    return out;
  }

  @Test
  void signedUrl_isValidForTenMinutes_opensTheObject_andIsAudited() {
    SignedUrl url =
        h.artifacts.signedUrl(viewer, Harness.request(), trace.traceId(), video.artifactId());

    StoredObject object = h.artifacts.download(query(url));

    assertThat(url.expiresAt())
        .isBeforeOrEqualTo(h.clock.instant().plus(ArtifactAccessService.LINK_TTL));
    assertThat(object.key()).isEqualTo(ArtifactAccessService.objectKey(video.uri()));
    assertThat(
            h.memory
                .auditLog()
                .list(
                    new AuditQuery(
                        h.tenant,
                        Optional.of(AuditAction.ARTIFACT_DOWNLOAD),
                        TimeRange.all(),
                        OptionalLong.empty(),
                        10)))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.event().resourceId())
                  .contains("artifact:" + trace.traceId() + "/" + video.artifactId());
              assertThat(a.event().details())
                  .containsEntry("expires_at", AuditTrail.timestamp(url.expiresAt()));
            });
    assertThat(AuditTrail.timestamp(url.expiresAt()))
        .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  void aValidLinkToAnObjectDeletedSince_isNotFound_notForbidden() {
    SignedUrl url =
        h.artifacts.signedUrl(viewer, Harness.request(), trace.traceId(), video.artifactId());
    h.memory.objectStore().delete(ArtifactAccessService.objectKey(video.uri()));

    assertThatThrownBy(() -> h.artifacts.download(query(url)))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    // A bad link stays 403 even for a gone object: the signature is checked first.
    Map<String, String> altered = new LinkedHashMap<>(query(url));
    altered.put("signature", "0".repeat(64));
    assertThatThrownBy(() -> h.artifacts.download(altered))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  @Test
  void anAlteredOrExpiredLink_isForbidden() {
    SignedUrl url =
        h.artifacts.signedUrl(viewer, Harness.request(), trace.traceId(), video.artifactId());
    Map<String, String> altered = new LinkedHashMap<>(query(url));
    altered.put("key", "someone/else.mp4");

    assertThatThrownBy(() -> h.artifacts.download(altered))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    // spec 05 §7 rule 3: the tenant is signed too, so a link cannot be moved to another tenant.
    Map<String, String> moved = new LinkedHashMap<>(query(url));
    assertThat(moved).containsEntry("tenant", h.tenant.value());
    moved.put("tenant", h.fx.tenant().value());
    assertThatThrownBy(() -> h.artifacts.download(moved))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
    h.clock.advance(ArtifactAccessService.LINK_TTL.plusSeconds(1));
    assertThatThrownBy(() -> h.artifacts.download(query(url))).isInstanceOf(OvpoException.class);
  }

  @Test
  void anotherTenantsTraceOrAnUnknownArtifact_isNotFound() {
    Principal stranger = h.principal(h.fx.tenant(), Role.SUPER_ADMIN);

    for (var call :
        new Runnable[] {
          () ->
              h.artifacts.signedUrl(
                  stranger, Harness.request(), trace.traceId(), video.artifactId()),
          () -> h.artifacts.signedUrl(viewer, Harness.request(), trace.traceId(), h.fx.artifactId())
        }) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND));
    }
  }

  @Test
  void objectKey_isTheUriWithoutItsScheme() {
    assertThat(ArtifactAccessService.objectKey("ovpo://a/b.mp4")).isEqualTo("a/b.mp4");
    assertThat(ArtifactAccessService.objectKey("s3://bucket/key/x")).isEqualTo("bucket/key/x");
  }
}
