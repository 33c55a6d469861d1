package io.ovpo.testkit;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.EnvelopeId;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.ManifestId;
import io.ovpo.ports.model.MessageType;
import io.ovpo.ports.model.RateTier;
import io.ovpo.ports.model.RetentionPolicy;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.SpanId;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;

/**
 * Realistic, valid model values for tests, drawn from a seeded {@link Random} so a failing test
 * reproduces. Tenant ids also carry a per-JVM run marker, so tests against a backend that outlives
 * the run (a shared PostgreSQL or Redis) never see an earlier run's data under their tenants.
 */
public final class Fixtures {
  /** The instant most fixtures are built around; millisecond precision like the wire. */
  public static final Instant T0 = Instant.parse("2026-03-02T10:00:00.000Z");

  static final Charset UTF8 = StandardCharsets.UTF_8;

  private static final String RUN =
      Long.toString(
          Math.floorMod(System.nanoTime() ^ System.currentTimeMillis(), 46_656L * 36), 36);

  private final Random random;
  private int tenants;

  public Fixtures(long seed) {
    this.random = new Random(seed);
  }

  /** Fixtures seeded from a test's name: stable across runs, different between tests. */
  public static Fixtures forTest(String testName) {
    return new Fixtures(testName.hashCode() * 0x9E3779B97F4A7C15L);
  }

  /** The shared random source, for tests that draw their own values. */
  public Random random() {
    return random;
  }

  /** A tenant id no other test of this run uses. */
  public TenantId tenant() {
    tenants++;
    return TenantId.of(
        "t" + RUN + "-" + tenants + "-" + Integer.toString(random.nextInt(46_656), 36));
  }

  /** A lower-case UUID v4. */
  public String uuid() {
    long hi = (random.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(hi, lo).toString();
  }

  public TraceId traceId() {
    return TraceId.of(uuid());
  }

  public SpanId spanId() {
    return SpanId.of(uuid());
  }

  public EventId eventId() {
    return EventId.of(uuid());
  }

  public ManifestId manifestId() {
    return ManifestId.of(uuid());
  }

  public ArtifactId artifactId() {
    return ArtifactId.of(uuid());
  }

  public KeyId keyId() {
    return KeyId.of(uuid());
  }

  public DeletionId deletionId() {
    return DeletionId.of(uuid());
  }

  public EnvelopeId envelopeId() {
    return EnvelopeId.of(uuid());
  }

  /** 64 lower-case hex characters. */
  public String hex64() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** An API key's public prefix (12 lower-case alphanumerics). */
  public String keyPrefix() {
    StringBuilder sb = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      sb.append(Character.forDigit(random.nextInt(36), 36));
    }
    return sb.toString();
  }

  /** An opaque key (idempotency key, dedupe key) unique within this fixture source. */
  public String key(String prefix) {
    return prefix + ":" + uuid();
  }

  /** A trace builder with random id and realistic defaults (RUNNING, created at {@link #T0}). */
  public TraceBuilder trace() {
    return new TraceBuilder(this);
  }

  /** A record builder over {@code trace} for {@code tenant}, version 1. */
  public TraceRecordBuilder record(TenantId tenant, Trace trace) {
    return new TraceRecordBuilder(tenant, trace);
  }

  /** A record builder over a fresh default trace. */
  public TraceRecordBuilder record(TenantId tenant) {
    return record(tenant, trace().build());
  }

  public SpanBuilder span(TraceId traceId) {
    return new SpanBuilder(this, traceId);
  }

  public FrameEventBuilder event(TraceId traceId) {
    return new FrameEventBuilder(this, traceId);
  }

  public ManifestBuilder manifest(TraceId traceId) {
    return new ManifestBuilder(this, traceId);
  }

  /** An envelope of {@code tenant} for a random trace with a small payload. */
  public Envelope envelope(TenantId tenant) {
    return envelope(tenant, traceId(), ("{\"items\":[],\"n\":\"" + uuid() + "\"}").getBytes(UTF8));
  }

  /** An envelope of {@code tenant} and {@code traceId} carrying {@code payload}. */
  public Envelope envelope(TenantId tenant, TraceId traceId, byte[] payload) {
    return new Envelope(
        envelopeId(),
        tenant,
        T0,
        MessageType.MIXED,
        tenant.value() + ":" + traceId.value(),
        payload,
        sha256Hex(payload),
        1);
  }

  public Tenant tenantRecord(TenantId id) {
    return new Tenant(id, "Tenant " + id.value(), TenantConfig.DEFAULT, T0);
  }

  /** A tenant configuration differing from the default in every field. */
  public TenantConfig customConfig() {
    return new TenantConfig(
        RateTier.UNLIMITED.name(),
        "h100-profile",
        true,
        new RetentionPolicy(
            Duration.ofDays(30),
            Duration.ofDays(365),
            Duration.ofDays(7),
            Optional.of(Duration.ofDays(3650))));
  }

  /** A developer key of {@code tenant} created at {@code createdAt}, never used or revoked. */
  public ApiKeyRecord apiKey(TenantId tenant, Instant createdAt) {
    return new ApiKeyRecord(
        keyId(),
        keyPrefix(),
        tenant,
        Role.DEVELOPER,
        "ci key",
        hex64(),
        createdAt,
        Optional.of(createdAt.plus(Duration.ofDays(90))),
        Optional.empty(),
        Optional.empty());
  }

  public AuditEvent auditEvent(TenantId tenant, AuditAction action, Instant at) {
    return new AuditEvent(
        tenant,
        action,
        "key:" + keyPrefix(),
        Optional.of("10.0.0." + random.nextInt(250)),
        Optional.of("ovpo-python/0.8"),
        at,
        Optional.of(uuid()),
        Map.of("limit", "50", "status", "FAILED"));
  }

  /** The record at {@code sequence} linked to {@code previousHash}, with a random own hash. */
  public AuditRecord auditRecord(AuditEvent event, long sequence, String previousHash) {
    return new AuditRecord(event, sequence, previousHash, hex64());
  }

  public Tombstone tombstone(TenantId tenant, Instant deletedAt, DeletionState state) {
    return new Tombstone(
        deletionId(),
        tenant,
        deletedAt,
        "key:" + keyPrefix(),
        "gdpr request",
        Optional.of(hex64()),
        3,
        1,
        state);
  }

  /** A 202 receipt with one item error, as the collector stores it. */
  public IngestReceipt receipt() {
    return new IngestReceipt(
        "req-" + uuid(),
        202,
        2,
        1,
        false,
        List.of(
            new ItemError(
                1,
                Optional.of(ItemType.SPAN),
                ErrorCode.SCHEMA_VIOLATION,
                "/data/start_time",
                "must be an RFC 3339 timestamp")));
  }

  public StoredObject object(String key) {
    byte[] data = new byte[64 + random.nextInt(512)];
    random.nextBytes(data);
    return new StoredObject(key, data, "video/mp4");
  }

  /** Lower-case hex SHA-256 of {@code bytes}. */
  public static String sha256Hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
