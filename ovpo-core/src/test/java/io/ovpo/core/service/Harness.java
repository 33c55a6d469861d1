package io.ovpo.core.service;

import io.ovpo.adapter.inmemory.InMemoryAdapters;
import io.ovpo.core.cache.TraceViewReads;
import io.ovpo.core.cost.HardwareProfiles;
import io.ovpo.core.cursor.CursorCodec;
import io.ovpo.core.retention.ManagedStorage;
import io.ovpo.ports.in.DecodedItem;
import io.ovpo.ports.in.IngestCommand;
import io.ovpo.ports.in.ProcessingResult;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.EnvelopeId;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.MessageType;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.QueueConsumer;
import io.ovpo.ports.out.TraceViewCache;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every service wired over the in-memory adapters with a test clock, one tenant and helpers to
 * build commands and envelopes. Ports can be wrapped (a failing queue, a crashing store).
 */
final class Harness implements AutoCloseable {
  static final Instant NOW = Fixtures.T0.plusSeconds(120);

  /** Batches of two, so a handful of traces already spans several batches; no pauses. */
  static final RetentionSettings RETENTION =
      new RetentionSettings(2, Duration.ZERO, new ManagedStorage(Set.of("managed-bucket")));

  static final byte[] CURSOR_SECRET =
      "a test cursor secret of at least thirty-two bytes".getBytes(StandardCharsets.UTF_8);

  final Fixtures fx;
  final MutableClock clock = MutableClock.at(NOW);
  final InMemoryAdapters memory;
  final TestCodec codec = new TestCodec();
  final CountingMetrics metrics = new CountingMetrics();
  final CursorCodec cursors = new CursorCodec(CURSOR_SECRET, clock, Duration.ofHours(24));
  final IngestQueue queue;
  final AuditTrail audit;
  final IngestService ingest;
  final ProcessorService processor;
  final QueryService query;
  final AdminService admin;
  final AuthService auth;
  final ArtifactAccessService artifacts;
  final RetentionService retention;
  final TenantId tenant;
  private QueueConsumer consumer;

  /** Options: port wrappers and ingest settings. */
  record Options(
      UnaryOperator<IngestQueue> queue,
      UnaryOperator<DedupeStore> dedupe,
      UnaryOperator<FrameEventStore> events,
      IngestSettings ingest) {
    static Options defaults() {
      return new Options(q -> q, d -> d, e -> e, fastIngest());
    }

    Options withQueue(UnaryOperator<IngestQueue> q) {
      return new Options(q, dedupe, events, ingest);
    }

    Options withDedupe(UnaryOperator<DedupeStore> d) {
      return new Options(queue, d, events, ingest);
    }

    Options withEvents(UnaryOperator<FrameEventStore> e) {
      return new Options(queue, dedupe, e, ingest);
    }

    Options withIngest(IngestSettings s) {
      return new Options(queue, dedupe, events, s);
    }
  }

  /** Short waits so tests of waiting and retrying stay fast. */
  static IngestSettings fastIngest() {
    return new IngestSettings(
        Duration.ofSeconds(5),
        Duration.ofMillis(5),
        Duration.ofSeconds(60),
        Duration.ofHours(24),
        3,
        Duration.ofMillis(1),
        8 * 1024 * 1024);
  }

  Harness(String testName) {
    this(testName, Options.defaults());
  }

  Harness(String testName, Options options) {
    fx = Fixtures.forTest(testName);
    memory = InMemoryAdapters.builder().clock(clock).build();
    queue = options.queue().apply(memory.ingestQueue());
    FrameEventStore events = options.events().apply(memory.frameEventStore());
    audit = new AuditTrail(memory.auditLog(), cursors, clock);
    ingest =
        new IngestService(
            memory.idempotencyStore(), queue, codec, clock, metrics, options.ingest());
    processor =
        new ProcessorService(
            memory.traceStore(),
            memory.spanStore(),
            events,
            memory.artifactStore(),
            options.dedupe().apply(memory.dedupeStore()),
            memory.tombstoneStore(),
            memory.reconciliationStore(),
            memory.tenantStore(),
            HardwareProfiles.defaultsOnly(),
            codec,
            clock,
            metrics,
            ProcessorSettings.DEFAULT,
            TraceViewCache.none());
    query =
        new QueryService(
            memory.traceStore(),
            memory.spanStore(),
            memory.frameEventStore(),
            memory.artifactStore(),
            cursors,
            audit,
            HardwareProfiles.defaultsOnly(),
            memory.tenantStore(),
            clock,
            TraceViewReads.disabled());
    admin =
        new AdminService(
            memory.tenantStore(),
            memory.apiKeyStore(),
            memory.traceStore(),
            audit,
            new SecureRandom(),
            clock);
    auth = new AuthService(memory.apiKeyStore(), clock, metrics);
    artifacts =
        new ArtifactAccessService(
            memory.traceStore(), memory.artifactStore(), memory.objectStore(), audit, clock);
    retention =
        new RetentionService(
            memory.traceStore(),
            memory.spanStore(),
            memory.frameEventStore(),
            memory.artifactStore(),
            memory.objectStore(),
            memory.tombstoneStore(),
            memory.reconciliationStore(),
            memory.tenantStore(),
            memory.auditLog(),
            audit,
            memory.retentionRunLog(),
            clock,
            metrics,
            RETENTION);
    tenant = fx.tenant();
    memory.tenantStore().create(fx.tenantRecord(tenant));
  }

  Principal principal(Role role) {
    return principal(tenant, role);
  }

  Principal principal(TenantId t, Role role) {
    KeyId keyId = KeyId.of(fx.uuid());
    return new Principal(t, keyId, role, "key:" + keyId.value());
  }

  static RequestContext request() {
    return new RequestContext("req-1", Optional.of("203.0.113.7"), Optional.of("ovpo-cli/0.8"));
  }

  static List<DecodedItem> valid(IngestItem... items) {
    List<DecodedItem> out = new ArrayList<>();
    for (int i = 0; i < items.length; i++) {
      out.add(new DecodedItem.Valid(i, items[i]));
    }
    return out;
  }

  IngestCommand command(Optional<String> key, String body, List<DecodedItem> items) {
    return new IngestCommand(
        principal(Role.DEVELOPER),
        new RequestContext("req-" + fx.uuid(), Optional.empty(), Optional.empty()),
        clock.instant(),
        key,
        Fixtures.sha256Hex(body.getBytes(StandardCharsets.UTF_8)),
        items);
  }

  /** An envelope of this tenant carrying {@code items} (all of one trace), as ingest builds it. */
  Envelope envelope(IngestItem... items) {
    byte[] payload = codec.encode(Arrays.asList(items));
    return new Envelope(
        EnvelopeId.random(),
        tenant,
        clock.instant(),
        MessageType.MIXED,
        tenant.value() + ":" + items[0].traceId().value(),
        payload,
        Fixtures.sha256Hex(payload),
        1);
  }

  ProcessingResult process(IngestItem... items) {
    return processor.process(envelope(items));
  }

  /** Processes and acks everything on the queue. */
  List<ProcessingResult> drain() {
    if (consumer == null) {
      consumer = memory.ingestQueue().consumer("processor");
    }
    List<ProcessingResult> results = new ArrayList<>();
    for (List<Delivery> batch = consumer.poll(100, Duration.ZERO);
        !batch.isEmpty();
        batch = consumer.poll(100, Duration.ZERO)) {
      for (Delivery d : batch) {
        results.add(processor.process(d.envelope()));
        d.ack();
      }
    }
    return results;
  }

  @Override
  public void close() {
    if (consumer != null) {
      consumer.close();
    }
    memory.close();
  }
}
