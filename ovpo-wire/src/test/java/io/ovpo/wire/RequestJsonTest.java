package io.ovpo.wire;

import static io.ovpo.wire.Json.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.NewApiKey;
import io.ovpo.ports.model.RetentionPolicy;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RequestJsonTest {
  @Test
  void newTenant_readsIdAndOptionalName() {
    assertThat(RequestJson.newTenant(bytes("{'tenant_id':'acme'}")))
        .isEqualTo(new NewTenant(TenantId.of("acme"), Optional.empty()));
    assertThat(RequestJson.newTenant(bytes("{'tenant_id':'acme','name':'Acme'}")).name())
        .contains("Acme");
    assertInvalid(() -> RequestJson.newTenant(bytes("{'tenant_id':'A'}")), "/tenant_id");
    assertInvalid(() -> RequestJson.newTenant(bytes("{'tenant_id':'acme','name':''}")), "/name");
    assertInvalid(() -> RequestJson.newTenant(bytes("{'name':'x'}")), "/tenant_id");
  }

  @Test
  void newApiKey_readsRoleByWireName() {
    NewApiKey k =
        RequestJson.newApiKey(
            bytes(
                "{'tenant_id':'acme','role':'super_admin','name':'ci',"
                    + "'expires_at':'2026-01-01T00:00:00.000Z'}"));
    assertThat(k.role()).isEqualTo(Role.SUPER_ADMIN);
    assertThat(k.expiresAt()).contains(Instant.parse("2026-01-01T00:00:00Z"));
    OvpoException e =
        assertInvalid(
            () -> RequestJson.newApiKey(bytes("{'tenant_id':'acme','role':'ADMIN','name':'ci'}")),
            "/role");
    assertThat(e.getMessage()).contains("viewer, developer, admin, super_admin");
    assertInvalid(
        () ->
            RequestJson.newApiKey(
                bytes("{'tenant_id':'acme','role':'admin','name':'ci','expires_at':'tomorrow'}")),
        "/expires_at");
  }

  @Test
  void legalHold_isABoolean() {
    assertThat(RequestJson.legalHold(bytes("{'legal_hold':true}"))).isTrue();
    assertInvalid(() -> RequestJson.legalHold(bytes("{'legal_hold':'yes'}")), "/legal_hold");
    assertInvalid(() -> RequestJson.legalHold(bytes("{}")), "/legal_hold");
  }

  @Test
  void unknownFields_areRefused() {
    assertInvalid(() -> RequestJson.legalHold(bytes("{'legal_hold':true,'x':1}")), "/x");
  }

  @Test
  void notJson_isMalformed_andNotAnObject_isInvalidParameter() {
    OvpoException e =
        catchThrowableOfType(OvpoException.class, () -> RequestJson.legalHold(bytes("{")));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertInvalid(() -> RequestJson.legalHold(bytes("[]")), "(root)");
  }

  @Test
  void signedUrlRequest_readsBothIds() {
    SignedUrlRequest r =
        RequestJson.signedUrlRequest(
            bytes("{'trace_id':'" + Json.TRACE_ID + "','artifact_id':'" + Json.ARTIFACT_ID + "'}"));
    assertThat(r.traceId().value()).isEqualTo(Json.TRACE_ID);
    assertThat(r.artifactId().value()).isEqualTo(Json.ARTIFACT_ID);
    assertInvalid(
        () -> RequestJson.signedUrlRequest(bytes("{'trace_id':'x','artifact_id':'y'}")),
        "/trace_id");
  }

  @Test
  void tenantConfig_isAComplete_closedObject() {
    String body =
        "{'rate_tier':'unlimited','hardware_profile':'h100','default_legal_hold':true,"
            + "'retention':{'frame_events_days':90,'traces_days':365,'artifacts_days':30,"
            + "'audit_days':2555}}";
    TenantConfig c = RequestJson.tenantConfig(bytes(body));
    assertThat(c)
        .isEqualTo(
            new TenantConfig(
                "unlimited",
                "h100",
                true,
                new RetentionPolicy(
                    Duration.ofDays(90),
                    Duration.ofDays(365),
                    Duration.ofDays(30),
                    Optional.of(Duration.ofDays(2555)))));
    assertThat(RequestJson.tenantConfig(bytes(body.replace("2555", "null"))).retention().audit())
        .isEmpty();
    assertInvalid(
        () -> RequestJson.tenantConfig(bytes(body.replace("'traces_days':365", "'traces_days':0"))),
        "/retention/traces_days");
    assertInvalid(
        () ->
            RequestJson.tenantConfig(bytes(body.replace("'traces_days':365", "'traces_days':1.5"))),
        "/retention/traces_days");
    assertInvalid(
        () -> RequestJson.tenantConfig(bytes(body.replace("'audit_days'", "'forever'"))),
        "/retention/forever");
    assertInvalid(
        () -> RequestJson.tenantConfig(bytes("{'rate_tier':'default'}")), "/hardware_profile");
  }

  @Test
  void writtenTenantConfig_isAcceptedAsARequest() {
    TenantConfig c = TenantConfig.DEFAULT;
    assertThat(RequestJson.tenantConfig(ModelWriter.toBytes(ModelWriter.tenantConfig(c))))
        .isEqualTo(c);
  }

  @Test
  void nullForAnOptionalMember_meansAbsent() {
    assertThat(
            RequestJson.newApiKey(
                    bytes("{'tenant_id':'acme','role':'viewer','name':'ci','expires_at':null}"))
                .expiresAt())
        .isEmpty();
  }

  private static OvpoException assertInvalid(Runnable call, String pointer) {
    OvpoException e = catchThrowableOfType(OvpoException.class, call::run);
    assertThat(e).as("expected an OvpoException").isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER);
    assertThat(e.getMessage()).startsWith(pointer + ": ");
    return e;
  }
}
