package io.ovpo.app.query.testing;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.http.OvpoHttpServer;
import io.ovpo.app.common.metrics.PrometheusMetrics;
import io.ovpo.app.query.QueryApp;
import io.ovpo.ports.in.ProcessEnvelopeUseCase;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.MessageType;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.ObjectStore;
import io.ovpo.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The query app on a free local port, wired like production with in-memory backends. A super_admin
 * key of the bootstrap tenant is configured; tenants and their keys are created over HTTP with it.
 * Data is stored through the processor, as the pipeline would.
 */
public final class TestServer implements AutoCloseable {
  public static final String ROOT_KEY =
      "ovpo_rootkey00001_R00tSecretR00tSecretR00tSecretR00tSecret";
  public static final TenantId ROOT_TENANT = TenantId.of("root-ops");
  public static final String CURSOR_SECRET = "cursor-secret-for-the-query-tests-0123456789";
  public static final String SIGNING_SECRET = "signing-secret-for-the-query-tests-0123456789";

  private final TestQueryComponent component;
  private final QueryApp app;
  private final OvpoHttpServer server;
  private final Http http;
  private final Fixtures fixtures;

  private TestServer(Map<String, String> env, Fixtures fixtures) {
    this.component = DaggerTestQueryComponent.factory().create(OvpoConfig.load(env));
    this.app = component.app();
    app.bootstrap();
    this.server = app.start();
    this.http = new Http(server.port());
    this.fixtures = fixtures;
  }

  /** A server with a practically unlimited query rate. */
  public static TestServer start(String testName) {
    return start(testName, Map.of());
  }

  /** A server with extra or overriding {@code OVPO_*} settings. */
  public static TestServer start(String testName, Map<String, String> settings) {
    Map<String, String> env = new HashMap<>();
    env.put("OVPO_PORT", "0");
    env.put("OVPO_BIND_HOST", "127.0.0.1");
    env.put("OVPO_BOOTSTRAP_API_KEY", ROOT_KEY);
    env.put("OVPO_BOOTSTRAP_TENANT", ROOT_TENANT.value());
    env.put("OVPO_CURSOR_SECRET", CURSOR_SECRET);
    env.put("OVPO_SIGNING_SECRET", SIGNING_SECRET);
    env.put("OVPO_QUERY_RATE", "1000000/60s");
    env.putAll(settings);
    return new TestServer(env, Fixtures.forTest(testName));
  }

  public Http http() {
    return http;
  }

  public Fixtures fixtures() {
    return fixtures;
  }

  public int port() {
    return server.port();
  }

  public TamperingAuditLog auditLog() {
    return component.auditLog();
  }

  public ObjectStore objects() {
    return component.objects();
  }

  public PrometheusMetrics metrics() {
    return component.metrics();
  }

  /** A new tenant (created by the super_admin) with a viewer, a developer and an admin key. */
  public TenantKeys newTenant() {
    TenantId id = fixtures.tenant();
    Reply created =
        http.post("/v1/admin/tenants", ROOT_KEY, "{\"tenant_id\":\"" + id.value() + "\"}");
    if (created.status() != 201) {
      throw new IllegalStateException("tenant not created: " + created);
    }
    return new TenantKeys(id, newKey(id, "viewer"), newKey(id, "developer"), newKey(id, "admin"));
  }

  /** A new key of {@code role} in {@code tenant}, created by the super_admin. */
  public String newKey(TenantId tenant, String role) {
    Reply r =
        http.post(
            "/v1/admin/api-keys",
            ROOT_KEY,
            "{\"tenant_id\":\"" + tenant.value() + "\",\"role\":\"" + role + "\",\"name\":\"it\"}");
    if (r.status() != 201) {
      throw new IllegalStateException("key not created: " + r);
    }
    JsonNode body = r.json();
    return body.get("api_key").asText();
  }

  /** The key_id of a plaintext key, looked up by its prefix in its tenant's key list. */
  public String keyIdOf(String apiKey, TenantId tenant) {
    String prefix = apiKey.split("_")[1];
    for (JsonNode k :
        http.get("/v1/admin/api-keys?tenant_id=" + tenant.value(), ROOT_KEY).json().get("data")) {
      if (k.get("prefix").asText().equals(prefix)) {
        return k.get("key_id").asText();
      }
    }
    throw new IllegalStateException("no key with prefix " + prefix);
  }

  /** Stores {@code items} of {@code tenant} through the processor, as one envelope. */
  public void store(TenantId tenant, IngestItem... items) {
    store(tenant, List.of(items));
  }

  public void store(TenantId tenant, List<IngestItem> items) {
    ProcessEnvelopeUseCase processor = component.processor();
    byte[] payload = component.codec().encode(items);
    Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    Envelope e =
        new Envelope(
            fixtures.envelopeId(),
            tenant,
            now,
            MessageType.MIXED,
            tenant.value() + ":" + items.get(0).traceId().value(),
            payload,
            Fixtures.sha256Hex(payload),
            1);
    processor.process(e);
  }

  /** A COMPLETED trace, created an hour ago, with a stored {@code ovpo://} video artifact. */
  public SeededTrace storeTraceWithArtifact(TenantId tenant) {
    Instant created = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
    Trace trace =
        fixtures
            .trace()
            .status(TraceStatus.COMPLETED)
            .createdAt(created)
            .ran(Duration.ZERO, 10_000)
            .build();
    String key = "objects/" + fixtures.uuid() + ".mp4";
    ArtifactId artifactId = fixtures.artifactId();
    ArtifactRef ref =
        new ArtifactRef(
            artifactId,
            ArtifactKind.VIDEO,
            "ovpo://" + key,
            "video/mp4",
            1_234,
            Optional.empty(),
            OptionalInt.empty());
    StoredObject object = fixtures.object(key);
    component.objects().put(object);
    store(
        tenant,
        new IngestItem.TraceItem(trace),
        new IngestItem.ManifestItem(fixtures.manifest(trace.traceId()).artifact(ref).build()));
    return new SeededTrace(trace.traceId(), artifactId, key, object.data());
  }

  /** Writes frame events straight to the store (for volumes the processor is too slow to seed). */
  public void appendEvents(TenantId tenant, List<StoredFrameEvent> events) {
    component.frameEvents().append(tenant, events);
  }

  public static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    server.stop(Duration.ofSeconds(2));
    app.close();
  }
}
