package io.ovpo.core.service;

import io.ovpo.core.auth.ApiKeys;
import io.ovpo.core.auth.ParsedApiKey;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.AuthenticateUseCase;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.MetricsRecorder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authenticates {@code Bearer} API keys (DESIGN.md section 2) and checks role permissions. Every
 * refusal carries the same message, so a caller cannot tell an unknown key from a wrong, revoked or
 * expired one. last_used_at is informative: it is touched at most once a minute per key.
 */
public final class AuthService implements AuthenticateUseCase {
  static final Duration TOUCH_INTERVAL = Duration.ofMinutes(1);
  private static final String REFUSED = "missing or invalid API key";
  private static final System.Logger LOG = System.getLogger(AuthService.class.getName());

  private final ApiKeyStore keys;
  private final Clock clock;
  private final MetricsRecorder metrics;
  private final ConcurrentHashMap<KeyId, Instant> lastTouched = new ConcurrentHashMap<>();

  public AuthService(ApiKeyStore keys, Clock clock, MetricsRecorder metrics) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public Principal authenticate(Optional<String> authorizationHeader) {
    Optional<ParsedApiKey> parsed = authorizationHeader.flatMap(ApiKeys::fromAuthorizationHeader);
    if (parsed.isEmpty()) {
      throw refused(authorizationHeader.isEmpty() ? "missing" : "malformed");
    }
    Optional<ApiKeyRecord> found = keys.findByPrefix(parsed.get().prefix());
    Instant now = clock.instant();
    if (found.isEmpty()) {
      throw refused("unknown");
    }
    ApiKeyRecord key = found.get();
    if (!ApiKeys.secretMatches(key, parsed.get().secret())) {
      // Spec 05 §9.3 has no separate reason: the key as presented is not a known key.
      throw refused("unknown");
    }
    if (!key.activeAt(now)) {
      throw refused(key.revokedAt().isPresent() ? "revoked" : "expired");
    }
    touch(key.keyId(), now);
    // key:<key_id> (spec 07 §2): the id the admin API lists and revokes the key by.
    return new Principal(key.tenantId(), key.keyId(), key.role(), "key:" + key.keyId().value());
  }

  @Override
  public void authorize(Principal principal, Permission permission) {
    Access.require(principal, permission);
  }

  private OvpoException refused(String reason) {
    metrics.increment("auth_failures_total", 1, "reason", reason);
    return new OvpoException(ErrorCode.UNAUTHENTICATED, REFUSED);
  }

  private void touch(KeyId id, Instant now) {
    Instant previous = lastTouched.get(id);
    if (previous != null && now.isBefore(previous.plus(TOUCH_INTERVAL))) {
      return;
    }
    // Only the thread that wins the replace writes, so a burst of requests touches once.
    boolean won =
        previous == null
            ? lastTouched.putIfAbsent(id, now) == null
            : lastTouched.replace(id, previous, now);
    if (!won) {
      return;
    }
    try {
      keys.touch(id, now);
    } catch (StoreUnavailableException e) {
      // last_used_at is informative; a request must not fail because of it.
      LOG.log(System.Logger.Level.DEBUG, "could not record API key use: {0}", e.getMessage());
    }
  }
}
