package io.ovpo.compliance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.http.OvpoHttp;
import io.ovpo.compliance.http.Reply;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * What every check of one run shares: the HTTP client, the keys, the run id, the timing settings,
 * and the tenants created for the run (made once, on first use, whatever the number of checks
 * running in parallel).
 */
public final class Session {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHANUM = "abcdefghijklmnopqrstuvwxyz0123456789";

  private final OvpoHttp http;
  private final String apiKey;
  private final Optional<String> adminKey;
  private final Items items;
  private final Duration timeout;
  private final Duration settle;
  private final Optional<String> rateTier;
  private final Map<String, Fixture> tenants = new ConcurrentHashMap<>();
  private final Map<String, Shared> shared = new ConcurrentHashMap<>();

  /**
   * @param timeout how long an accepted item may take to become visible (spec 04 §7.1 targets 5 s
   *     at p95)
   * @param settle how long to wait before concluding that something did not change (covers the
   *     reconciliation settle delay and interval of spec 04 §7.2)
   */
  public Session(
      OvpoHttp http,
      String apiKey,
      Optional<String> adminKey,
      String runId,
      Duration timeout,
      Duration settle,
      Optional<String> rateTier) {
    this.http = http;
    this.apiKey = apiKey;
    this.adminKey = adminKey;
    this.items = new Items(runId);
    this.timeout = timeout;
    this.settle = settle;
    this.rateTier = rateTier;
  }

  public OvpoHttp http() {
    return http;
  }

  /** The key under test: a developer (or higher) key of some tenant. */
  public String apiKey() {
    return apiKey;
  }

  public Items items() {
    return items;
  }

  public Duration settle() {
    return settle;
  }

  /** The admin key, or a skip for checks that need one. */
  public String adminKey() {
    return adminKey.orElseThrow(
        () -> new CheckSkipped("needs --admin-key (a super_admin key) to create tenants and keys"));
  }

  // -- ingest --------------------------------------------------------------------------------

  /** {@code POST /v1/ingest/batch} with the standard headers. */
  public Reply ingest(String key, Batch batch) {
    return http.call("POST", "/v1/ingest/batch")
        .key(key)
        .ingestHeaders()
        .body(batch.bytes())
        .send();
  }

  /** Ingests {@code batch} and fails unless every item was accepted (202, no failed item). */
  public JsonNode ingestAll(String key, Batch batch) {
    Reply r = Expect.status(ingest(key, batch), 202);
    JsonNode receipt = r.json();
    Expect.equal(
        receipt.path("processed_items").asInt(-1), batch.size(), r.describe() + " processed_items");
    Expect.equal(receipt.path("failed_items").asInt(-1), 0, r.describe() + " failed_items");
    return receipt;
  }

  /** Ingests with the key under test. */
  public JsonNode ingestAll(Batch batch) {
    return ingestAll(apiKey, batch);
  }

  // -- reading, eventually --------------------------------------------------------------------

  /** {@code GET /v1/traces/{id}} with {@code key}. */
  public Reply detail(String key, String traceId) {
    return http.get("/v1/traces/" + traceId, key);
  }

  /**
   * Polls the trace detail until it exists and {@code condition} holds.
   *
   * @throws CheckFailure after the timeout, naming {@code what} and the last answer
   */
  public JsonNode awaitTrace(
      String key, String traceId, String what, Predicate<JsonNode> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Reply last = null;
    while (true) {
      last = detail(key, traceId);
      if (last.status() == 200 && condition.test(last.json())) {
        return last.json();
      }
      if (last.status() != 200 && last.status() != 404) {
        throw new CheckFailure("while waiting for " + what + ": " + last);
      }
      if (System.nanoTime() - deadline > 0) {
        throw new CheckFailure(
            "not within " + timeout.toMillis() + " ms: " + what + "; last answer: " + last);
      }
      pause(Duration.ofMillis(200));
    }
  }

  /** Polls with the key under test. */
  public JsonNode awaitTrace(String traceId, String what, Predicate<JsonNode> condition) {
    return awaitTrace(apiKey, traceId, what, condition);
  }

  /**
   * Polls a trace list ({@code path}, one page) until it holds at least {@code count} traces.
   *
   * @throws CheckFailure after the timeout
   */
  public void awaitList(String key, String path, int count) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Reply r = Expect.status(http.get(path, key), 200);
      int size = r.json().path("data").size();
      if (size >= count) {
        return;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new CheckFailure(
            "not within "
                + timeout.toMillis()
                + " ms: "
                + count
                + " traces in "
                + path
                + ", got "
                + size);
      }
      pause(Duration.ofMillis(200));
    }
  }

  /**
   * Polls until the trace's spans include {@code spanId}, then reads the detail once more: what
   * came before the span in its envelope was applied before it, but a detail read is several store
   * reads, so the one that first shows the span may show the trace as it was just before. A read
   * that starts after the span was seen shows both.
   */
  public JsonNode awaitSpan(String key, String traceId, String spanId) {
    awaitTrace(key, traceId, "span " + spanId + " of trace " + traceId, d -> hasSpan(d, spanId));
    return Expect.status(detail(key, traceId), 200).json();
  }

  /**
   * Polls until {@code condition} holds, waits {@link #settle()} for reconciliation to run again,
   * and fails unless it still holds: for rules that say something does <em>not</em> change.
   */
  public JsonNode awaitStable(
      String key, String traceId, String what, Predicate<JsonNode> condition) {
    awaitTrace(key, traceId, what, condition);
    pause(settle);
    Reply again = Expect.status(detail(key, traceId), 200);
    Expect.that(
        condition.test(again.json()),
        "%s held, then stopped holding within %d ms: %s",
        what,
        settle.toMillis(),
        again.excerpt());
    return again.json();
  }

  /** True when the detail lists the span. */
  public static boolean hasSpan(JsonNode detail, String spanId) {
    for (JsonNode s : detail.path("spans")) {
      if (spanId.equals(s.path("span_id").asText())) {
        return true;
      }
    }
    return false;
  }

  // -- tenants ---------------------------------------------------------------------------------

  /**
   * A tenant created for this run with a viewer, a developer and an admin key; {@code name} tells
   * tenants apart ({@code primary}, {@code secondary}, {@code rate}).
   *
   * @throws CheckSkipped without an admin key, or when the tenant could not be created
   */
  public TenantFixture tenant(String name) {
    String admin = adminKey();
    Fixture f = tenants.computeIfAbsent(name, n -> new Fixture());
    synchronized (f) {
      if (f.value == null && f.error == null) {
        try {
          f.value = createTenant(admin);
        } catch (RuntimeException e) {
          f.error = e.getMessage();
        }
      }
      if (f.error != null) {
        throw new CheckSkipped("could not create a tenant for the run: " + f.error);
      }
      return f.value;
    }
  }

  /**
   * A value several checks share, made once by the first check that asks (for instance one audit
   * scenario whose records four checks inspect). A failure to make it is the failure of every check
   * that asks.
   */
  @SuppressWarnings("unchecked")
  public <T> T shared(String name, java.util.function.Supplier<T> create) {
    Shared s = shared.computeIfAbsent(name, n -> new Shared());
    synchronized (s) {
      if (s.value == null && s.error == null) {
        try {
          s.value = create.get();
        } catch (RuntimeException e) {
          s.error = e;
        }
      }
      if (s.error instanceof CheckSkipped skipped) {
        throw new CheckSkipped(skipped.getMessage());
      }
      if (s.error != null) {
        throw new CheckFailure("shared setup '" + name + "' failed: " + s.error.getMessage());
      }
      return (T) s.value;
    }
  }

  /**
   * The tenant whose ingest bucket a check drains: a tenant of its own, put on the configured rate
   * tier when there is one ({@code PUT /v1/admin/tenants/{id}/config}, spec 06 §6.3).
   */
  public TenantFixture rateTenant() {
    TenantFixture t = tenant("rate");
    if (rateTier.isPresent()) {
      shared(
          "rate-tier",
          () -> {
            JsonNode tenant =
                Expect.status(http.get("/v1/admin/tenants/" + t.tenantId(), adminKey()), 200)
                    .json();
            ObjectNode config = (ObjectNode) tenant.path("config").deepCopy();
            config.put("rate_tier", rateTier.get());
            Expect.status(
                http.call("PUT", "/v1/admin/tenants/" + t.tenantId() + "/config")
                    .key(adminKey())
                    .header("Content-Type", "application/json")
                    .json(config.toString())
                    .send(),
                200);
            return Boolean.TRUE;
          });
    }
    return t;
  }

  /** Creates a tenant and its three keys, failing on any unexpected answer. */
  public TenantFixture createTenant(String admin) {
    String tenantId = "cmp-" + random(12);
    ObjectNode body = JsonNodeFactory.instance.objectNode().put("tenant_id", tenantId);
    Reply created =
        http.call("POST", "/v1/admin/tenants")
            .key(admin)
            .header("Content-Type", "application/json")
            .json(body.toString())
            .send();
    Expect.status(created, 201);
    Expect.equal(
        created.json().path("tenant_id").asText(), tenantId, created.describe() + " tenant_id");
    JsonNode viewer = createKey(admin, tenantId, "viewer");
    JsonNode developer = createKey(admin, tenantId, "developer");
    JsonNode adminOfTenant = createKey(admin, tenantId, "admin");
    return new TenantFixture(
        tenantId,
        viewer.path("api_key").asText(),
        developer.path("api_key").asText(),
        adminOfTenant.path("api_key").asText(),
        developer.path("key_id").asText(),
        adminOfTenant.path("key_id").asText());
  }

  /** {@code POST /v1/admin/api-keys}, expecting 201; returns the created key's body. */
  public JsonNode createKey(String caller, String tenantId, String role) {
    return Expect.status(newKey(caller, tenantId, role, Optional.empty()), 201).json();
  }

  /** {@code POST /v1/admin/api-keys} as it is answered. */
  public Reply newKey(String caller, String tenantId, String role, Optional<Instant> expiresAt) {
    ObjectNode body =
        JsonNodeFactory.instance
            .objectNode()
            .put("tenant_id", tenantId)
            .put("role", role)
            .put("name", "compliance " + role);
    expiresAt.ifPresent(e -> body.put("expires_at", Items.ts(e)));
    return http.call("POST", "/v1/admin/api-keys")
        .key(caller)
        .header("Content-Type", "application/json")
        .json(body.toString())
        .send();
  }

  /** {@code n} random characters of {@code [a-z0-9]}. */
  public static String random(int n) {
    StringBuilder b = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      b.append(ALPHANUM.charAt(RANDOM.nextInt(ALPHANUM.length())));
    }
    return b.toString().toLowerCase(Locale.ROOT);
  }

  /** Sleeps; an interrupt ends the check. */
  public static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static final class Shared {
    private Object value;
    private RuntimeException error;
  }

  private static final class Fixture {
    private TenantFixture value;
    private String error;
  }
}
