package io.ovpo.ports.out;

import io.ovpo.ports.model.IdempotencyClaim;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.TenantId;
import java.time.Duration;
import java.time.Instant;

/**
 * Ingest Idempotency-Keys, per tenant, kept at least 24 h. A claim is atomic: of concurrent
 * requests with the same key exactly one acquires it; the others see it in progress until it is
 * completed (then they replay) or released (then one of them may acquire it).
 */
public interface IdempotencyStore extends HealthCheck {
  /**
   * Claims {@code key} for a request whose body hashes to {@code requestHash}. A claim that was
   * acquired but neither completed nor released within {@code lockTtl} may be acquired again (the
   * owner crashed).
   */
  IdempotencyClaim claim(
      TenantId tenant, String key, String requestHash, Instant now, Duration lockTtl);

  /** Stores the receipt for the acquired key until {@code expiresAt} (at least 24 h ahead). */
  void complete(
      TenantId tenant, String key, String requestHash, IngestReceipt receipt, Instant expiresAt);

  /**
   * Gives up an acquired key without a receipt (e.g. the queue was down), so a retry may proceed.
   */
  void release(TenantId tenant, String key);
}
