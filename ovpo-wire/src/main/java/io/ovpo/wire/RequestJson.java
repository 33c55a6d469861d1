package io.ovpo.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.NewApiKey;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.RetentionPolicy;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Parses the small JSON bodies of the admin and artifact endpoints. Bodies are closed objects:
 * unknown fields are refused; a top-level member whose value is null counts as absent. Bytes that
 * are not JSON give {@link ErrorCode#MALFORMED_JSON}; everything else wrong gives {@link
 * ErrorCode#INVALID_PARAMETER} with a message starting with the JSON pointer of the field ({@code
 * /role: must be one of viewer, developer, admin, super_admin}).
 */
public final class RequestJson {
  /** Longest retention accepted, in days (100 years). */
  public static final int MAX_RETENTION_DAYS = 36_500;

  private RequestJson() {}

  /** {@code {tenant_id, name?}}. */
  public static NewTenant newTenant(byte[] body) {
    return read(
        body,
        Set.of("tenant_id", "name"),
        f -> {
          TenantId id = f.id("tenant_id", TenantId::new);
          Optional<String> name = f.optText("name");
          return Pointers.build("", () -> new NewTenant(id, name));
        });
  }

  /** {@code {tenant_id, role, name, expires_at?}}; role by its wire name ({@code developer}). */
  public static NewApiKey newApiKey(byte[] body) {
    return read(
        body,
        Set.of("tenant_id", "role", "name", "expires_at"),
        f -> {
          TenantId id = f.id("tenant_id", TenantId::new);
          String roleName = f.text("role");
          Role role =
              Role.fromWire(roleName)
                  .orElseThrow(
                      () ->
                          JsonFields.shape(
                              f.pointer("role"),
                              "must be one of "
                                  + String.join(
                                      ", ",
                                      Arrays.stream(Role.values()).map(Role::wire).toList())));
          String name = f.text("name");
          var expiresAt = f.optInstant("expires_at");
          return Pointers.build("", () -> new NewApiKey(id, role, name, expiresAt));
        });
  }

  /** {@code {legal_hold: boolean}}. */
  public static boolean legalHold(byte[] body) {
    return read(body, Set.of("legal_hold"), f -> f.bool("legal_hold"));
  }

  /**
   * The body of {@code POST /v1/admin/retention/run}: empty, or the empty object {@code {}} (06
   * §6.6); any member is INVALID_PARAMETER.
   */
  public static void emptyObject(byte[] body) {
    if (body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      return;
    }
    read(body, Set.of(), f -> Boolean.TRUE);
  }

  /** {@code {trace_id, artifact_id}}. */
  public static SignedUrlRequest signedUrlRequest(byte[] body) {
    return read(
        body,
        Set.of("trace_id", "artifact_id"),
        f ->
            new SignedUrlRequest(
                f.id("trace_id", TraceId::new), f.id("artifact_id", ArtifactId::new)));
  }

  /**
   * A complete tenant configuration (06 §6.3): {@code rate_tier}, {@code hardware_profile}, {@code
   * default_legal_hold} and {@code retention} {@code {frame_events_days, traces_days,
   * artifacts_days, audit_days}}, days being integers from 1 to {@value #MAX_RETENTION_DAYS};
   * {@code audit_days} null or absent keeps the audit trail for ever.
   */
  public static TenantConfig tenantConfig(byte[] body) {
    return read(body, CONFIG_FIELDS, RequestJson::config);
  }

  private static final Set<String> CONFIG_FIELDS =
      Set.of("rate_tier", "hardware_profile", "default_legal_hold", "retention");

  /** A complete configuration object at {@code f}'s pointer (also used for responses). */
  static TenantConfig config(JsonFields f) {
    f.onlyAllow(CONFIG_FIELDS);
    String tier = f.text("rate_tier");
    String profile = f.text("hardware_profile");
    boolean hold = f.bool("default_legal_hold");
    JsonFields r = f.object("retention");
    r.onlyAllow(Set.of("frame_events_days", "traces_days", "artifacts_days", "audit_days"));
    Duration events = days(r, "frame_events_days");
    Duration traces = days(r, "traces_days");
    Duration artifacts = days(r, "artifacts_days");
    Optional<Duration> audit =
        r.opt("audit_days").filter(v -> !v.isNull()).map(v -> days(r, "audit_days"));
    RetentionPolicy retention =
        Pointers.build(r.pointer(), () -> new RetentionPolicy(events, traces, artifacts, audit));
    return Pointers.build(f.pointer(), () -> new TenantConfig(tier, profile, hold, retention));
  }

  private static Duration days(JsonFields f, String name) {
    long d = f.longValue(name);
    if (d < 1 || d > MAX_RETENTION_DAYS) {
      throw JsonFields.shape(
          f.pointer(name), "must be a whole number of days from 1 to " + MAX_RETENTION_DAYS);
    }
    return Duration.ofDays(d);
  }

  /** Parses a closed JSON object and maps it, turning every failure into an OvpoException. */
  static <T> T read(byte[] body, Set<String> allowed, Function<JsonFields, T> mapper) {
    JsonNode root;
    try {
      root = WireJson.parse(body);
    } catch (JsonProcessingException e) {
      throw new OvpoException(
          ErrorCode.MALFORMED_JSON, "body is not valid JSON: " + e.getOriginalMessage(), e);
    }
    try {
      JsonFields f = JsonFields.of(root, "");
      f.onlyAllow(allowed);
      // An optional member sent as null means "not given" (responses write absent values as null).
      List<String> nulls = new ArrayList<>();
      root.properties()
          .forEach(
              e -> {
                if (e.getValue().isNull()) {
                  nulls.add(e.getKey());
                }
              });
      ((ObjectNode) root).remove(nulls);
      return mapper.apply(f);
    } catch (WireValueException e) {
      throw new OvpoException(ErrorCode.INVALID_PARAMETER, e.getMessage(), e);
    }
  }
}
