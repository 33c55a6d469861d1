package io.ovpo.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.IdempotencyClaim;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.QueueConsumer;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Caps hold, the oldest entries go first, and every dropped entry is counted. */
class InMemoryEvictionsTest {
  private final Fixtures fx = new Fixtures(42);
  private final MutableClock clock = MutableClock.at(Fixtures.T0);

  @Test
  void evictions_listEveryCounter_startingAtZero() {
    assertThat(InMemoryAdapters.builder().build().evictions())
        .containsOnlyKeys(
            "traces",
            "spans",
            "frame_events",
            "frame_events_refused",
            "manifests",
            "dedupe_keys",
            "idempotency_keys",
            "audit_records",
            "dead_letters",
            "objects",
            "queue_refused")
        .allSatisfy((k, v) -> assertThat(v).isZero());
  }

  @Test
  void traces_overTheCap_evictTheOldestFirst_andCountThem() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxTraces(3).build();
    TenantId tenant = fx.tenant();
    List<TraceRecord> records = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      TraceRecord r = fx.record(i % 2 == 0 ? tenant : fx.tenant()).build();
      assertThat(memory.traceStore().put(r, 0)).isTrue();
      records.add(r);
    }
    TraceRecord updated =
        fx.record(records.get(4).tenantId(), records.get(4).trace()).version(2).build();
    assertThat(memory.traceStore().put(updated, 1)).isTrue();
    assertThat(memory.evictions()).containsEntry("traces", 2L);
    for (int i = 0; i < 5; i++) {
      TraceRecord r = records.get(i);
      assertThat(memory.traceStore().get(r.tenantId(), r.traceId()).isPresent())
          .as("trace %d kept", i)
          .isEqualTo(i >= 2);
    }
  }

  @Test
  void deletedTraces_areNotCountedAsEvictions() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxTraces(2).build();
    TenantId tenant = fx.tenant();
    TraceRecord a = fx.record(tenant).build();
    memory.traceStore().put(a, 0);
    memory.traceStore().delete(tenant, List.of(a.traceId()));
    memory.traceStore().put(fx.record(tenant).build(), 0);
    memory.traceStore().put(fx.record(tenant).build(), 0);
    assertThat(memory.evictions()).containsEntry("traces", 0L);
  }

  @Test
  void spans_overTheCap_evictTheOldestFirst_andCountThem() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxSpans(2).build();
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    Span first = fx.span(trace).build();
    Span second = fx.span(trace).build();
    Span third = fx.span(trace).build();
    memory.spanStore().upsert(tenant, List.of(first, second));
    memory.spanStore().upsert(tenant, List.of(first, third));
    assertThat(
            memory
                .spanStore()
                .getAll(tenant, List.of(first.spanId(), second.spanId(), third.spanId())))
        .containsOnlyKeys(second.spanId(), third.spanId());
    assertThat(memory.evictions()).containsEntry("spans", 1L);
  }

  @Test
  void frameEvents_overTheTenantCap_evictWholeOldestTraces_andCountTheirEvents() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxEventsPerTenant(10).build();
    TenantId tenant = fx.tenant();
    TenantId other = fx.tenant();
    TraceId old = fx.traceId();
    TraceId recent = fx.traceId();
    memory.frameEventStore().append(tenant, frames(old, 6));
    memory.frameEventStore().append(other, frames(old, 6));
    memory.frameEventStore().append(tenant, frames(recent, 6));
    assertThat(memory.frameEventStore().stats(tenant, old).eventCount()).isZero();
    assertThat(memory.frameEventStore().stats(tenant, recent).eventCount()).isEqualTo(6);
    assertThat(memory.frameEventStore().stats(other, old).eventCount()).isEqualTo(6);
    assertThat(memory.evictions()).containsEntry("frame_events", 6L);
  }

  @Test
  void frameEvents_ofOneTraceBeyondTheCap_areRefusedAndCounted() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxEventsPerTenant(4).build();
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    assertThat(memory.frameEventStore().append(tenant, frames(trace, 6))).hasSize(4);
    assertThat(memory.frameEventStore().stats(tenant, trace).eventCount()).isEqualTo(4);
    assertThat(memory.evictions()).containsEntry("frame_events_refused", 2L);
  }

  @Test
  void manifests_overTheCap_evictTheOldestFirst_andCountThem() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxManifests(1).build();
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    ArtifactManifest first = fx.manifest(trace).build();
    ArtifactManifest second = fx.manifest(trace).build();
    memory.artifactStore().putManifest(tenant, first, Fixtures.T0);
    memory.artifactStore().putManifest(tenant, second, Fixtures.T0);
    assertThat(memory.artifactStore().byTrace(tenant, trace)).containsExactly(second);
    assertThat(memory.evictions()).containsEntry("manifests", 1L);
  }

  @Test
  void queue_atItsDepthCap_refusesThePublishAndDropsNothing() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxQueueDepth(3).build();
    IngestQueue queue = memory.ingestQueue();
    TenantId tenant = fx.tenant();
    List<Envelope> accepted = List.of(fx.envelope(tenant), fx.envelope(tenant));
    queue.publish(accepted);
    assertThatThrownBy(() -> queue.publish(List.of(fx.envelope(tenant), fx.envelope(tenant))))
        .isInstanceOf(QueueUnavailableException.class);
    assertThat(queue.depth()).isEqualTo(2);
    assertThat(memory.evictions()).containsEntry("queue_refused", 2L);
    try (QueueConsumer c = queue.consumer("processor")) {
      List<Delivery> got = c.poll(10, Duration.ofSeconds(5));
      assertThat(got)
          .extracting(d -> d.envelope().envelopeId())
          .containsExactly(accepted.get(0).envelopeId(), accepted.get(1).envelopeId());
      got.forEach(Delivery::ack);
    }
    queue.publish(List.of(fx.envelope(tenant), fx.envelope(tenant), fx.envelope(tenant)));
    assertThat(queue.depth()).isEqualTo(3);
  }

  @Test
  void deadLetters_overTheCap_evictTheOldest_andCountThem() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxDeadLetters(2).build();
    IngestQueue queue = memory.ingestQueue();
    try (QueueConsumer c = queue.consumer("processor")) {
      for (int i = 0; i < 3; i++) {
        queue.publish(List.of(fx.envelope(fx.tenant())));
        c.poll(1, Duration.ofSeconds(5)).get(0).deadLetter("reason " + i);
      }
    }
    assertThat(queue.deadLetters(10))
        .extracting(d -> d.reason())
        .containsExactly("reason 1", "reason 2");
    assertThat(memory.evictions()).containsEntry("dead_letters", 1L);
  }

  @Test
  void dedupeKeys_overTheCap_evictTheOldest_butExpiryIsNoEviction() {
    InMemoryAdapters memory = InMemoryAdapters.builder().clock(clock).maxDedupeKeys(3).build();
    TenantId tenant = fx.tenant();
    memory.dedupeStore().remember(tenant, List.of("a"), clock.instant().plusSeconds(1));
    clock.advance(Duration.ofSeconds(2));
    memory
        .dedupeStore()
        .remember(tenant, List.of("b", "c", "d", "e"), clock.instant().plusSeconds(3600));
    assertThat(memory.dedupeStore().seen(tenant, List.of("a", "b", "c", "d", "e"), clock.instant()))
        .containsExactlyInAnyOrder("c", "d", "e");
    assertThat(memory.evictions()).containsEntry("dedupe_keys", 1L);
  }

  @Test
  void idempotencyKeys_overTheCap_evictTheOldest_andCountThem() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxIdempotencyKeys(2).build();
    TenantId tenant = fx.tenant();
    Duration ttl = Duration.ofMinutes(1);
    for (String key : List.of("k1", "k2", "k3")) {
      memory.idempotencyStore().claim(tenant, key, "h", clock.instant(), ttl);
    }
    assertThat(memory.idempotencyStore().claim(tenant, "k3", "h", clock.instant(), ttl))
        .isInstanceOf(IdempotencyClaim.InProgress.class);
    assertThat(memory.idempotencyStore().claim(tenant, "k1", "h", clock.instant(), ttl))
        .isInstanceOf(IdempotencyClaim.Acquired.class);
    assertThat(memory.evictions().get("idempotency_keys")).isGreaterThanOrEqualTo(1L);
  }

  @Test
  void auditRecords_overTheTenantCap_evictTheOldest_andKeepTheHead() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxAuditRecordsPerTenant(3).build();
    TenantId tenant = fx.tenant();
    String previous = AuditRecord.GENESIS_HASH;
    AuditRecord last = null;
    for (int seq = 1; seq <= 5; seq++) {
      last =
          fx.auditRecord(
              fx.auditEvent(tenant, AuditAction.TRACE_QUERY, Fixtures.T0), seq, previous);
      assertThat(memory.auditLog().append(last)).isTrue();
      previous = last.recordHash();
    }
    assertThat(memory.auditLog().head(tenant)).contains(last);
    assertThat(memory.auditLog().ascending(tenant, 1, 10))
        .extracting(AuditRecord::sequence)
        .containsExactly(3L, 4L, 5L);
    assertThat(memory.evictions()).containsEntry("audit_records", 2L);
  }

  @Test
  void objects_overTheByteCap_evictTheOldest_andCountThem() {
    InMemoryAdapters memory = InMemoryAdapters.builder().maxObjectBytes(100).build();
    memory.objectStore().put(new StoredObject("a", new byte[60], "video/mp4"));
    memory.objectStore().put(new StoredObject("b", new byte[60], "video/mp4"));
    assertThat(memory.objectStore().get("a")).isEmpty();
    assertThat(memory.objectStore().get("b")).isPresent();
    assertThat(memory.evictions()).containsEntry("objects", 1L);
  }

  @Test
  void signedLinks_pointAtTheConfiguredBaseUrl() {
    InMemoryAdapters memory =
        InMemoryAdapters.builder()
            .signedUrlBase("https://ovpo.example.com/v1/artifacts/download")
            .signingSecret(new byte[32])
            .build();
    String url = memory.objectStore().sign(fx.tenant(), "a/b.mp4", Fixtures.T0).url().toString();
    assertThat(url)
        .startsWith("https://ovpo.example.com/v1/artifacts/download?key=a%2Fb.mp4&expires=");
  }

  @Test
  void close_stopsTheQueue() throws Exception {
    InMemoryAdapters memory = InMemoryAdapters.builder().build();
    QueueConsumer c = memory.ingestQueue().consumer("processor");
    var polling =
        java.util.concurrent.CompletableFuture.supplyAsync(() -> c.poll(1, Duration.ofMinutes(5)));
    memory.close();
    assertThat(polling.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEmpty();
    assertThat(memory.ingestQueue().check().up()).isFalse();
    assertThatThrownBy(() -> memory.ingestQueue().publish(List.of(fx.envelope(fx.tenant()))))
        .isInstanceOf(QueueUnavailableException.class);
  }

  @Test
  void builder_rejectsNonsense() {
    assertThatThrownBy(() -> InMemoryAdapters.builder().maxTraces(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryAdapters.builder().queueMaxDeliveries(0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryAdapters.builder().ackTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryAdapters.builder().signingSecret(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> InMemoryAdapters.builder().signedUrlBase("/relative"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private List<StoredFrameEvent> frames(TraceId trace, int n) {
    List<StoredFrameEvent> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(fx.event(trace).frame(i).stored());
    }
    return out;
  }
}
