package io.ovpo.adapter.redis;

import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;

/**
 * The key layout, one namespace per port under a deployment-wide prefix. Tenant ids never contain
 * {@code :}, so {@code <prefix><port>:<tenant>:<rest>} is unambiguous whatever the rest holds (an
 * Idempotency-Key may contain any visible ASCII).
 *
 * <pre>
 *   &lt;prefix&gt;rl:&lt;tenant&gt;:&lt;scope&gt;     token bucket: the instant (µs) it is full again
 *   &lt;prefix&gt;idem:&lt;tenant&gt;:&lt;key&gt;    Idempotency-Key claim or stored receipt
 *   &lt;prefix&gt;dd:&lt;tenant&gt;:&lt;key&gt;      processor dedupe key
 *   &lt;prefix&gt;tv:&lt;tenant&gt;:g:&lt;trace&gt;             a trace's view generation (the stamp)
 *   &lt;prefix&gt;tv:&lt;tenant&gt;:t:&lt;trace&gt;:&lt;variant&gt;   a cached trace detail
 *   &lt;prefix&gt;tv:&lt;tenant&gt;:lg                    the tenant's list-page generation
 *   &lt;prefix&gt;tv:&lt;tenant&gt;:l:&lt;query&gt;             a cached trace-list page
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

  String traceGeneration(TenantId tenant, TraceId traceId) {
    return prefix + "tv:" + tenant.value() + ":g:" + traceId.value();
  }

  String traceView(TenantId tenant, TraceId traceId, String variant) {
    return prefix + "tv:" + tenant.value() + ":t:" + traceId.value() + ":" + variant;
  }

  String listGeneration(TenantId tenant) {
    return prefix + "tv:" + tenant.value() + ":lg";
  }

  String listView(TenantId tenant, String query) {
    return prefix + "tv:" + tenant.value() + ":l:" + query;
  }
}
