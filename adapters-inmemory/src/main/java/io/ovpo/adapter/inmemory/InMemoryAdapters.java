package io.ovpo.adapter.inmemory;

import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.AuditLog;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.IdempotencyStore;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.ObjectStore;
import io.ovpo.ports.out.RateLimiter;
import io.ovpo.ports.out.ReconciliationStore;
import io.ovpo.ports.out.RetentionRunLog;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import io.ovpo.ports.out.TraceViewCache;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Every OVPO out-port in process memory: the all-in-one server's default backend and the fake that
 * core's tests run against. Thread-safe; bounded by the builder's caps, and every entry dropped to
 * stay within them is counted in {@link #evictions()} (nothing is dropped silently; the queue
 * refuses a publish rather than drop an envelope). Nothing survives a restart.
 *
 * <pre>{@code
 * InMemoryAdapters memory = InMemoryAdapters.builder().maxTraces(50_000).build();
 * TraceStore traces = memory.traceStore();
 * }</pre>
 */
public final class InMemoryAdapters implements AutoCloseable {
  private final Evictions evictions = new Evictions();
  private final InMemoryTraceStore traces;
  private final InMemorySpanStore spans;
  private final InMemoryFrameEventStore events;
  private final InMemoryFrameAnalyticsStore frameAnalytics;
  private final InMemoryArtifactStore artifacts;
  private final InMemoryIngestQueue queue;
  private final InMemoryIdempotencyStore idempotency;
  private final InMemoryDedupeStore dedupe;
  private final InMemoryRateLimiter rateLimiter;
  private final InMemoryTenantStore tenants = new InMemoryTenantStore();
  private final InMemoryApiKeyStore apiKeys = new InMemoryApiKeyStore();
  private final InMemoryAuditLog audit;
  private final InMemoryTombstoneStore tombstones = new InMemoryTombstoneStore();
  private final InMemoryRetentionRunLog retentionRuns = new InMemoryRetentionRunLog();
  private final InMemoryObjectStore objects;
  private final InMemoryReconciliationStore reconciliation = new InMemoryReconciliationStore();
  private final InMemoryTraceViewCache viewCache;

  private InMemoryAdapters(Builder b) {
    traces = new InMemoryTraceStore(b.maxTraces, evictions);
    spans = new InMemorySpanStore(traces, b.maxSpans, evictions);
    events = new InMemoryFrameEventStore(b.maxEventsPerTenant, evictions);
    frameAnalytics = new InMemoryFrameAnalyticsStore(events);
    artifacts = new InMemoryArtifactStore(b.maxManifests, evictions);
    queue =
        new InMemoryIngestQueue(
            b.clock, b.maxDeliveries, b.ackTimeout, b.maxQueueDepth, b.maxDeadLetters, evictions);
    idempotency = new InMemoryIdempotencyStore(b.maxIdempotencyKeys, evictions);
    dedupe = new InMemoryDedupeStore(b.maxDedupeKeys, b.clock, evictions);
    rateLimiter = new InMemoryRateLimiter(b.clock);
    viewCache = new InMemoryTraceViewCache(b.clock, b.maxViewCacheBytes);
    audit = new InMemoryAuditLog(b.maxAuditRecordsPerTenant, evictions);
    byte[] secret = b.signingSecret;
    if (secret == null) {
      secret = new byte[32];
      new SecureRandom().nextBytes(secret);
    }
    objects =
        new InMemoryObjectStore(
            b.maxObjectBytes, new LinkSigner(secret), b.signedUrlBase, evictions);
  }

  public static Builder builder() {
    return new Builder();
  }

  public TraceStore traceStore() {
    return traces;
  }

  /** Joins the tags of {@link #traceStore()} for its duration statistics. */
  public SpanStore spanStore() {
    return spans;
  }

  public FrameEventStore frameEventStore() {
    return events;
  }

  /** Frame analytics over {@link #frameEventStore()}'s events. */
  public FrameAnalyticsStore frameAnalyticsStore() {
    return frameAnalytics;
  }

  public ArtifactStore artifactStore() {
    return artifacts;
  }

  public IngestQueue ingestQueue() {
    return queue;
  }

  public IdempotencyStore idempotencyStore() {
    return idempotency;
  }

  public DedupeStore dedupeStore() {
    return dedupe;
  }

  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  public TenantStore tenantStore() {
    return tenants;
  }

  public ApiKeyStore apiKeyStore() {
    return apiKeys;
  }

  public AuditLog auditLog() {
    return audit;
  }

  public TombstoneStore tombstoneStore() {
    return tombstones;
  }

  public RetentionRunLog retentionRunLog() {
    return retentionRuns;
  }

  /** Signs links to {@code signedUrlBase}; {@code signedKey} verifies them. */
  public ObjectStore objectStore() {
    return objects;
  }

  public ReconciliationStore reconciliationStore() {
    return reconciliation;
  }

  /**
   * Query views of this process only: correct when every write passes through this process (the
   * all-in-one server), never for separate query and processor processes.
   */
  public TraceViewCache traceViewCache() {
    return viewCache;
  }

  /**
   * How many entries each store dropped (or, for {@code queue_refused} and {@code
   * frame_events_refused}, refused) to stay within its cap, by label: {@code traces}, {@code
   * spans}, {@code frame_events}, {@code frame_events_refused}, {@code manifests}, {@code
   * dedupe_keys}, {@code idempotency_keys}, {@code audit_records}, {@code dead_letters}, {@code
   * objects}, {@code queue_refused}. A snapshot, sorted by label.
   */
  public Map<String, Long> evictions() {
    return evictions.snapshot();
  }

  /** Closes the queue (blocked consumers return); the stores need no closing. */
  @Override
  public void close() {
    queue.close();
  }

  /** Caps and settings; every cap must be positive. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private long maxTraces = 100_000;
    private long maxSpans = 1_000_000;
    private long maxEventsPerTenant = 1_000_000;
    private long maxManifests = 100_000;
    private long maxQueueDepth = 10_000;
    private int maxDeadLetters = 10_000;
    private int maxDeliveries = 5;
    private Duration ackTimeout = Duration.ofSeconds(30);
    private long maxDedupeKeys = 1_000_000;
    private long maxIdempotencyKeys = 100_000;
    private long maxAuditRecordsPerTenant = 100_000;
    private long maxObjectBytes = 256L * 1024 * 1024;
    private long maxViewCacheBytes = 64L * 1024 * 1024;
    private byte[] signingSecret;
    private String signedUrlBase = "http://localhost:8080/v1/artifacts/download";

    private Builder() {}

    /** Time for TTLs, ack timeouts and rate limits (default: the system UTC clock). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** Traces kept in all, oldest first evicted (default 100,000). */
    public Builder maxTraces(long n) {
      this.maxTraces = positive("maxTraces", n);
      return this;
    }

    /** Spans kept in all (default 1,000,000). */
    public Builder maxSpans(long n) {
      this.maxSpans = positive("maxSpans", n);
      return this;
    }

    /** Frame events kept per tenant; whole traces go, oldest first (default 1,000,000). */
    public Builder maxEventsPerTenant(long n) {
      this.maxEventsPerTenant = positive("maxEventsPerTenant", n);
      return this;
    }

    /** Artifact manifests kept in all (default 100,000). */
    public Builder maxManifests(long n) {
      this.maxManifests = positive("maxManifests", n);
      return this;
    }

    /** Unsettled envelopes beyond which publish fails with 503 (default 10,000). */
    public Builder maxQueueDepth(long n) {
      this.maxQueueDepth = positive("maxQueueDepth", n);
      return this;
    }

    /** Dead letters kept, oldest evicted (default 10,000). */
    public Builder maxDeadLetters(int n) {
      this.maxDeadLetters = (int) positive("maxDeadLetters", n);
      return this;
    }

    /** Deliveries of one envelope before it is dead-lettered (default 5). */
    public Builder queueMaxDeliveries(int n) {
      this.maxDeliveries = (int) positive("queueMaxDeliveries", n);
      return this;
    }

    /** How long a delivery may stay unsettled before it is redelivered (default 30 s). */
    public Builder ackTimeout(Duration timeout) {
      Objects.requireNonNull(timeout, "ackTimeout");
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("ackTimeout must be positive");
      }
      this.ackTimeout = timeout;
      return this;
    }

    /** Processor dedupe keys kept in all (default 1,000,000). */
    public Builder maxDedupeKeys(long n) {
      this.maxDedupeKeys = positive("maxDedupeKeys", n);
      return this;
    }

    /** Idempotency keys kept in all (default 100,000). */
    public Builder maxIdempotencyKeys(long n) {
      this.maxIdempotencyKeys = positive("maxIdempotencyKeys", n);
      return this;
    }

    /** Audit records kept per tenant (default 100,000). */
    public Builder maxAuditRecordsPerTenant(long n) {
      this.maxAuditRecordsPerTenant = positive("maxAuditRecordsPerTenant", n);
      return this;
    }

    /** Object bytes kept in all (default 256 MiB). */
    public Builder maxObjectBytes(long n) {
      this.maxObjectBytes = positive("maxObjectBytes", n);
      return this;
    }

    /** Bytes of cached query views kept in all, least recently used dropped (default 64 MiB). */
    public Builder maxViewCacheBytes(long n) {
      this.maxViewCacheBytes = positive("maxViewCacheBytes", n);
      return this;
    }

    /**
     * The HMAC-SHA256 key for signed links, at least 32 bytes (default: random per instance, so
     * links die with the process).
     */
    public Builder signingSecret(byte[] secret) {
      Objects.requireNonNull(secret, "signingSecret");
      if (secret.length < 32) {
        throw new IllegalArgumentException("signingSecret must have at least 32 bytes");
      }
      this.signingSecret = secret.clone();
      return this;
    }

    /** Where signed links point (default {@code http://localhost:8080/v1/artifacts/download}). */
    public Builder signedUrlBase(String url) {
      URI uri = URI.create(Objects.requireNonNull(url, "signedUrlBase"));
      if (!uri.isAbsolute() || uri.getRawFragment() != null) {
        throw new IllegalArgumentException("signedUrlBase must be an absolute URL: " + url);
      }
      this.signedUrlBase = url;
      return this;
    }

    public InMemoryAdapters build() {
      return new InMemoryAdapters(this);
    }

    private static long positive(String name, long n) {
      if (n < 1) {
        throw new IllegalArgumentException(name + " must be positive (was " + n + ")");
      }
      return n;
    }
  }
}
