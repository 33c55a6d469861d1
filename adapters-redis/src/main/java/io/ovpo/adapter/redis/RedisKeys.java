package io.ovpo.adapter.redis;

import io.ovpo.ports.model.TenantId;

/**
 * The key layout, one namespace per port under a deployment-wide prefix. Tenant ids never contain
 * {@code :}, so {@code <prefix><port>:<tenant>:<rest>} is unambiguous whatever the rest holds (an
 * Idempotency-Key may contain any visible ASCII).
 *
 * <pre>
 *   &lt;prefix&gt;rl:&lt;tenant&gt;:&lt;scope&gt;     token bucket: the instant (µs) it is full again
 *   &lt;prefix&gt;idem:&lt;tenant&gt;:&lt;key&gt;    Idempotency-Key claim or stored receipt
 *   &lt;prefix&gt;dd:&lt;tenant&gt;:&lt;key&gt;      processor dedupe key
 * </pre>
 */
final class RedisKeys {
  private final String prefix;

  RedisKeys(String prefix) {
    this.prefix = prefix;
  }

  String bucket(TenantId tenant, String scope) {
    return prefix + "rl:" + tenant.value() + ":" + scope;
  }

  String idempotency(TenantId tenant, String key) {
    return prefix + "idem:" + tenant.value() + ":" + key;
  }

  String dedupe(TenantId tenant, String key) {
    return prefix + "dd:" + tenant.value() + ":" + key;
  }
}
