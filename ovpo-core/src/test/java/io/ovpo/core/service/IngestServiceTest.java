package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.DecodedItem;
import io.ovpo.ports.in.IngestCommand;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.MessageType;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.testkit.Concurrently;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

class IngestServiceTest {
  private Harness h;
  private FlakyQueue queue;

  private void start(TestInfo info, Harness.Options options) {
    h =
        new Harness(
            info.getDisplayName(),
            options.withQueue(
                q -> {
                  queue = new FlakyQueue(q);
                  return queue;
                }));
  }

  @AfterEach
  void close() {
    if (h != null) {
      h.close();
    }
  }

  private IngestItem trace(TraceId id) {
    return new IngestItem.TraceItem(h.fx.trace().id(id).build());
  }

  private IngestItem span(TraceId id) {
    return new IngestItem.SpanItem(h.fx.span(id).build());
  }

  private IngestItem event(TraceId id, int frame) {
    return new IngestItem.FrameEventItem(h.fx.event(id).frame(frame).build());
  }

  private static DecodedItem.Invalid schemaError(int index) {
    return new DecodedItem.Invalid(
        index,
        Optional.of(ItemType.SPAN),
        List.of(
            new ItemError(
                index,
                Optional.of(ItemType.SPAN),
                ErrorCode.SCHEMA_VIOLATION,
                "/data/start_time",
                "must be an RFC 3339 timestamp")));
  }

  @Test
  void partialAcceptance_queuesValidItems_andCountsOnlyWhatWasQueued(TestInfo info) {
    start(info, Harness.Options.defaults());
    TraceId t = h.fx.traceId();
    IngestItem tooLong =
        new IngestItem.SpanItem(h.fx.span(t).durationMs(8L * 24 * 3600 * 1000).build());
    List<DecodedItem> items = new ArrayList<>();
    items.add(new DecodedItem.Valid(0, trace(t)));
    items.add(schemaError(1));
    items.add(new DecodedItem.Valid(2, span(t)));
    items.add(new DecodedItem.Valid(3, tooLong));
    items.add(new DecodedItem.Valid(4, event(t, 0)));

    IngestReceipt r = h.ingest.ingest(h.command(Optional.empty(), "body", items));

    assertThat(r.httpStatus()).isEqualTo(202);
    assertThat(r.processedItems()).isEqualTo(3);
    assertThat(r.failedItems()).isEqualTo(2);
    assertThat(r.duplicate()).isFalse();
    assertThat(r.errors()).extracting(ItemError::itemIndex).containsExactly(1, 3);
    assertThat(r.errors().get(1).code()).isEqualTo(ErrorCode.SEMANTIC_VIOLATION);
    List<IngestItem> queued = new ArrayList<>();
    queue.published.forEach(b -> b.forEach(e -> queued.addAll(h.codec.decode(e.payload()))));
    assertThat(queued).hasSize(r.processedItems());
    assertThat(h.metrics.count("items_accepted_total")).isEqualTo(3);
    assertThat(h.metrics.count("items_accepted_total", "item_type", "span")).isEqualTo(1);
    assertThat(h.metrics.count("validation_failures_total")).isEqualTo(2);
  }

  @Test
  void nothingValid_answers400WithTheBatchBody_andPublishesNothing(TestInfo info) {
    start(info, Harness.Options.defaults());
    IngestReceipt r =
        h.ingest.ingest(h.command(Optional.empty(), "b", List.of(schemaError(0), schemaError(1))));

    assertThat(r.httpStatus()).isEqualTo(400);
    assertThat(r.processedItems()).isZero();
    assertThat(r.failedItems()).isEqualTo(2);
    assertThat(queue.attempts.get()).isZero();
  }

  @Test
  void itemsAreGroupedByTrace_inBatchOrder_oneTenantAndTracePerEnvelope(TestInfo info) {
    start(info, Harness.Options.defaults());
    TraceId a = h.fx.traceId();
    TraceId b = h.fx.traceId();
    List<IngestItem> items = List.of(trace(a), trace(b), event(a, 0), span(b), event(a, 1));

    h.ingest.ingest(
        h.command(Optional.empty(), "b", Harness.valid(items.toArray(IngestItem[]::new))));

    List<Envelope> envelopes = queue.published.get(0);
    assertThat(envelopes).hasSize(2);
    assertThat(envelopes.get(0).partitionKey()).isEqualTo(h.tenant + ":" + a);
    assertThat(envelopes.get(0).messageType()).isEqualTo(MessageType.MIXED);
    assertThat(h.codec.decode(envelopes.get(0).payload()))
        .containsExactly(items.get(0), items.get(2), items.get(4));
    assertThat(h.codec.decode(envelopes.get(1).payload()))
        .containsExactly(items.get(1), items.get(3));
    assertThat(envelopes).allSatisfy(e -> assertThat(e.tenantId()).isEqualTo(h.tenant));
  }

  @Test
  void aTraceTooLargeForOneEnvelope_isSplit_keepingItsOrder(TestInfo info) {
    IngestSettings small =
        new IngestSettings(
            Harness.fastIngest().inProgressWait(),
            Harness.fastIngest().inProgressPoll(),
            Harness.fastIngest().claimLockTtl(),
            Harness.fastIngest().idempotencyRetention(),
            3,
            Harness.fastIngest().publishBackoff(),
            2048);
    start(info, Harness.Options.defaults().withIngest(small));
    TraceId t = h.fx.traceId();
    List<IngestItem> items = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      items.add(event(t, i));
    }

    IngestReceipt r =
        h.ingest.ingest(
            h.command(Optional.empty(), "b", Harness.valid(items.toArray(IngestItem[]::new))));

    assertThat(r.processedItems()).isEqualTo(40);
    List<Envelope> envelopes = queue.published.get(0);
    assertThat(envelopes.size()).isGreaterThan(1);
    List<IngestItem> queued = new ArrayList<>();
    envelopes.forEach(e -> queued.addAll(h.codec.decode(e.payload())));
    assertThat(queued).containsExactlyElementsOf(items);
    assertThat(envelopes).allSatisfy(e -> assertThat(e.payload().length).isLessThanOrEqualTo(2048));
  }

  @Test
  void idempotentReplay_returnsTheFirstReceipt_markedDuplicate_andPublishesOnce(TestInfo info) {
    start(info, Harness.Options.defaults());
    TraceId t = h.fx.traceId();
    List<DecodedItem> items = new ArrayList<>(Harness.valid(trace(t), span(t)));
    items.add(schemaError(2));
    IngestCommand first = h.command(Optional.of("key-1"), "same body", items);
    IngestReceipt original = h.ingest.ingest(first);

    IngestCommand again = h.command(Optional.of("key-1"), "same body", items);
    IngestReceipt replay = h.ingest.ingest(again);

    assertThat(replay).isEqualTo(original.asDuplicate());
    assertThat(replay.requestId()).isEqualTo(first.request().requestId());
    assertThat(replay.duplicate()).isTrue();
    assertThat(queue.attempts.get()).isEqualTo(1);
  }

  @Test
  void idempotencyKeyReusedWithAnotherBody_is422(TestInfo info) {
    start(info, Harness.Options.defaults());
    TraceId t = h.fx.traceId();
    h.ingest.ingest(h.command(Optional.of("k"), "body one", Harness.valid(trace(t))));

    assertThatThrownBy(
            () -> h.ingest.ingest(h.command(Optional.of("k"), "body two", Harness.valid(trace(t)))))
        .isInstanceOfSatisfying(
            OvpoException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_KEY_REUSED));
  }

  @Test
  void malformedIdempotencyKey_isRefusedBeforeAnythingIsQueued(TestInfo info) {
    start(info, Harness.Options.defaults());
    for (String bad : List.of("", "has space", "x".repeat(129), "tab\t", "é")) {
      assertThatThrownBy(
              () ->
                  h.ingest.ingest(
                      h.command(Optional.of(bad), "b", Harness.valid(trace(h.fx.traceId())))))
          .isInstanceOfSatisfying(
              OvpoException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_IDEMPOTENCY_KEY));
    }
    assertThat(queue.attempts.get()).isZero();
  }

  @Test
  void concurrentIdenticalRequests_publishExactlyOnce_andAllGetTheSameReceipt(TestInfo info)
      throws Exception {
    start(info, Harness.Options.defaults());
    queue.gate = new CountDownLatch(1);
    TraceId t = h.fx.traceId();
    List<DecodedItem> items = Harness.valid(trace(t), event(t, 0));
    int n = 6;
    Thread opener =
        new Thread(
            () -> {
              // Let every request reach the claim before the owner may publish.
              while (queue.attempts.get() == 0) {
                Thread.onSpinWait();
              }
              sleepQuietly(50);
              queue.gate.countDown();
            });
    opener.start();

    List<IngestReceipt> receipts =
        Concurrently.run(n, i -> h.ingest.ingest(h.command(Optional.of("dup"), "body", items)));
    opener.join();

    assertThat(queue.attempts.get()).isEqualTo(1);
    assertThat(queue.envelopeCount()).isEqualTo(1);
    assertThat(receipts).filteredOn(r -> !r.duplicate()).hasSize(1);
    IngestReceipt first = receipts.stream().filter(r -> !r.duplicate()).findFirst().orElseThrow();
    assertThat(receipts)
        .allSatisfy(r -> assertThat(r.asDuplicate()).isEqualTo(first.asDuplicate()));
  }

  @Test
  void queueDown_answersQueueUnavailable_releasesTheClaim_soARetrySucceeds(TestInfo info) {
    start(info, Harness.Options.defaults());
    queue.failures.set(3);
    TraceId t = h.fx.traceId();
    List<DecodedItem> items = Harness.valid(trace(t));

    assertThatThrownBy(() -> h.ingest.ingest(h.command(Optional.of("k"), "body", items)))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.QUEUE_UNAVAILABLE));
    assertThat(queue.attempts.get()).isEqualTo(3);
    assertThat(queue.published).isEmpty();
    assertThat(h.metrics.count("publish_failures_total")).isEqualTo(3);
    assertThat(h.metrics.count("items_accepted_total")).isZero();

    IngestReceipt retry = h.ingest.ingest(h.command(Optional.of("k"), "body", items));

    assertThat(retry.duplicate()).isFalse();
    assertThat(retry.processedItems()).isEqualTo(1);
    assertThat(queue.envelopeCount()).isEqualTo(1);
  }

  @Test
  void transientQueueFailure_isRetriedWithTheSameEnvelopeIds(TestInfo info) {
    start(info, Harness.Options.defaults());
    queue.failures.set(2);
    IngestReceipt r =
        h.ingest.ingest(h.command(Optional.empty(), "b", Harness.valid(trace(h.fx.traceId()))));

    assertThat(r.httpStatus()).isEqualTo(202);
    assertThat(queue.attempts.get()).isEqualTo(3);
    assertThat(queue.envelopeCount()).isEqualTo(1);
  }

  @Test
  void keyWithoutTraceWrite_isForbidden(TestInfo info) {
    start(info, Harness.Options.defaults());
    Trace trace = h.fx.trace().build();
    IngestCommand viewer =
        new IngestCommand(
            h.principal(Role.VIEWER),
            RequestContext.of("r"),
            h.clock.instant(),
            Optional.empty(),
            "0".repeat(64),
            Harness.valid(new IngestItem.TraceItem(trace)));

    assertThatThrownBy(() -> h.ingest.ingest(viewer))
        .isInstanceOfSatisfying(
            OvpoException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN));
  }

  private static void sleepQuietly(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
