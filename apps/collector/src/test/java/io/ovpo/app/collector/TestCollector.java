package io.ovpo.app.collector;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.ports.in.NewApiKey;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.QueueConsumer;
import io.ovpo.wire.JsonItemCodec;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A collector on an ephemeral loopback port with in-memory backends, plus what tests need around
 * it: tenants with API keys of a chosen rate tier, and a consumer that reads what was queued.
 * Configured with the extra ingest tier {@code tiny} (3 requests per minute).
 */
final class TestCollector implements AutoCloseable {
  static final String TINY_TIER = "tiny";
  private static final SecureRandom RANDOM = new SecureRandom();

  final TestCollectorComponent component;
  final CollectorApp app;
  final URI base;
  private final QueueConsumer consumer;
  private final JsonItemCodec codec = new JsonItemCodec();

  TestCollector() {
    this(Map.of());
  }

  TestCollector(Map<String, String> extraConfig) {
    Map<String, String> env = new HashMap<>();
    env.put("OVPO_PORT", "0");
    env.put("OVPO_BIND_HOST", "127.0.0.1");
    env.put("OVPO_BOOTSTRAP_API_KEY", newKey());
    env.put("OVPO_BOOTSTRAP_TENANT", "bootstrap");
    env.put("OVPO_BOOTSTRAP_TIER", "unlimited");
    env.put("OVPO_RATE_TIERS", TINY_TIER + ":3/60s");
    env.put("OVPO_LOG_FORMAT", "text");
    env.putAll(extraConfig);
    component = DaggerTestCollectorComponent.factory().create(OvpoConfig.load(env));
    // Joining the group before anything is published makes every envelope visible to tests.
    consumer = component.queue().consumer("test-observer");
    app = component.app().start();
    base = URI.create("http://127.0.0.1:" + app.port());
  }

  /** A well-formed random API key. */
  static String newKey() {
    return "ovpo_"
        + random("abcdefghijklmnopqrstuvwxyz0123456789", 12)
        + "_"
        + random("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789", 40);
  }

  private static String random(String alphabet, int n) {
    StringBuilder sb = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      sb.append(alphabet.charAt(RANDOM.nextInt(alphabet.length())));
    }
    return sb.toString();
  }

  /** A fresh tenant with the given ingest tier; returns its super_admin key (has trace:write). */
  String tenantKey(String tier) {
    String tenant = "t-" + random("abcdefghijklmnopqrstuvwxyz0123456789", 10);
    String key = newKey();
    component.bootstrap().ensure(TenantId.of(tenant), Optional.of(key), tier);
    return key;
  }

  /** A key with {@code role} in the tenant of {@code adminKey}. */
  String keyWithRole(String adminKey, Role role) {
    Principal admin = component.auth().authenticate(Optional.of("Bearer " + adminKey));
    return component
        .apiKeys()
        .create(
            admin,
            RequestContext.of("test-setup"),
            new NewApiKey(admin.tenantId(), role, role.wire() + " key", Optional.empty()))
        .apiKey();
  }

  /** Everything queued since the last call (acked), as envelopes. */
  List<Envelope> drainQueue() {
    List<Envelope> out = new ArrayList<>();
    while (true) {
      List<Delivery> batch = consumer.poll(1000, Duration.ofMillis(50));
      if (batch.isEmpty()) {
        return out;
      }
      for (Delivery d : batch) {
        out.add(d.envelope());
        d.ack();
      }
    }
  }

  /** The items of everything queued since the last call. */
  List<IngestItem> drainItems() {
    List<IngestItem> items = new ArrayList<>();
    drainQueue().forEach(e -> items.addAll(codec.decode(e.payload())));
    return items;
  }

  @Override
  public void close() {
    consumer.close();
    app.close();
  }
}
