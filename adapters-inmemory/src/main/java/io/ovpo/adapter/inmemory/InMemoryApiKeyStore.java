package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.ApiKeyStore;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/** API keys by id and by prefix; writes under one lock keep both indexes in step. */
final class InMemoryApiKeyStore implements ApiKeyStore {
  private static final Comparator<ApiKeyRecord> NEWEST_FIRST =
      Comparator.comparing(ApiKeyRecord::createdAt)
          .thenComparing(k -> k.keyId().value())
          .reversed();

  private final ConcurrentHashMap<KeyId, ApiKeyRecord> byId = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, KeyId> byPrefix = new ConcurrentHashMap<>();

  @Override
  public synchronized boolean create(ApiKeyRecord key) {
    if (byId.containsKey(key.keyId()) || byPrefix.containsKey(key.prefix())) {
      return false;
    }
    byId.put(key.keyId(), key);
    byPrefix.put(key.prefix(), key.keyId());
    return true;
  }

  @Override
  public Optional<ApiKeyRecord> findByPrefix(String prefix) {
    KeyId id = byPrefix.get(prefix);
    return id == null ? Optional.empty() : findById(id);
  }

  @Override
  public Optional<ApiKeyRecord> findById(KeyId id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public List<ApiKeyRecord> list(TenantId tenant) {
    return byId.values().stream()
        .filter(k -> k.tenantId().equals(tenant))
        .sorted(NEWEST_FIRST)
        .toList();
  }

  @Override
  public synchronized boolean revoke(KeyId id, Instant at) {
    ApiKeyRecord k = byId.get(id);
    if (k == null || k.revokedAt().isPresent()) {
      return false;
    }
    replace(id, r -> with(r, Optional.of(at), r.lastUsedAt()));
    return true;
  }

  @Override
  public void touch(KeyId id, Instant at) {
    replace(id, r -> with(r, r.revokedAt(), Optional.of(at)));
  }

  private void replace(KeyId id, UnaryOperator<ApiKeyRecord> change) {
    byId.computeIfPresent(id, (k, r) -> change.apply(r));
  }

  private static ApiKeyRecord with(
      ApiKeyRecord r, Optional<Instant> revokedAt, Optional<Instant> lastUsedAt) {
    return new ApiKeyRecord(
        r.keyId(),
        r.prefix(),
        r.tenantId(),
        r.role(),
        r.name(),
        r.secretSha256(),
        r.createdAt(),
        r.expiresAt(),
        revokedAt,
        lastUsedAt);
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
