package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.MessageTooLargeException;
import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.EnvelopeId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.QueueConsumer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link IngestQueue}: at-least-once delivery with attempt counts, ack / nack /
 * dead-letter settling, redelivery after an ack timeout or a consumer leaving, the maximum number
 * of deliveries, per-partition-key order (also with several consumers of a group: a key is in one
 * consumer's hands at a time), consumer groups, the 10 MiB limit and depth.
 *
 * <p>Hooks: {@link #newQueue(MutableClock)} returns a queue no other test uses (a fresh topic or
 * stream), configured with {@link #maxDeliveries()} and {@link #ackTimeout()}; a broker that keeps
 * its own time overrides {@link #usesBackendClock()} and keeps the ack timeout short (about a
 * second). {@link #receiveWait()} and {@link #quietWait()} bound how long a test waits for an
 * envelope that must (or must not) arrive. The queue is closed after each test.
 */
public abstract class IngestQueueContract<Q extends IngestQueue> extends StoreContract<Q> {
  private final List<QueueConsumer> consumers = new ArrayList<>();

  /** A queue for one test, reading time from {@code clock} where the broker allows. */
  protected abstract Q newQueue(MutableClock clock) throws Exception;

  /** The queue's configured maximum number of deliveries of one envelope. */
  protected abstract int maxDeliveries();

  /** The queue's configured ack timeout. */
  protected abstract Duration ackTimeout();

  /** How long a test waits for an envelope that must arrive. */
  protected Duration receiveWait() {
    return Duration.ofSeconds(10);
  }

  /** How long a test waits before concluding that nothing arrives. */
  protected Duration quietWait() {
    return Duration.ofMillis(200);
  }

  @Override
  protected final Q newStore() throws Exception {
    return newQueue(clock);
  }

  @Override
  protected void closeStore(Q queue) throws Exception {
    queue.close();
  }

  @AfterEach
  final void closeContractConsumers() {
    consumers.forEach(QueueConsumer::close);
  }

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void publishThenPoll_deliversTheEnvelopeWithAttemptOne() {
    QueueConsumer c = consumer(group());
    Envelope e = fx.envelope(fx.tenant());
    store.publish(List.of(e));
    Delivery d = receiveOne(c);
    assertThat(d.envelope()).isEqualTo(e.withAttempt(1));
    d.ack();
  }

  @Test
  void poll_onAnEmptyQueue_returnsNothing() {
    assertThat(consumer(group()).poll(10, quietWait())).isEmpty();
  }

  @Test
  void poll_waitsForAnEnvelopePublishedWhileWaiting() throws Exception {
    QueueConsumer c = consumer(group());
    c.poll(1, Duration.ofMillis(1)); // joins the group before anything is published
    CompletableFuture<List<Delivery>> polled =
        CompletableFuture.supplyAsync(() -> c.poll(1, receiveWait()));
    Thread.sleep(100);
    Envelope e = fx.envelope(fx.tenant());
    store.publish(List.of(e));
    List<Delivery> got = polled.get(receiveWait().toMillis() + 5_000, TimeUnit.MILLISECONDS);
    assertThat(got).extracting(d -> d.envelope().envelopeId()).containsExactly(e.envelopeId());
    got.forEach(Delivery::ack);
  }

  @Test
  void poll_returnsAtMostMax() {
    QueueConsumer c = consumer(group());
    List<Envelope> published = publish(fx.tenant(), 5);
    List<Delivery> first = c.poll(2, receiveWait());
    assertThat(first).hasSizeBetween(1, 2);
    first.forEach(Delivery::ack);
    List<Delivery> rest = receive(c, 5 - first.size());
    rest.forEach(Delivery::ack);
    assertThat(ids(first, rest)).containsExactlyInAnyOrderElementsOf(envelopeIds(published));
  }

  @Test
  void ack_removesTheEnvelopeForGood() {
    String group = group();
    QueueConsumer c = consumer(group);
    store.publish(List.of(fx.envelope(fx.tenant())));
    receiveOne(c).ack();
    assertNothingArrives(c);
    c.close();
    assertNothingArrives(consumer(group));
  }

  @Test
  void nack_redeliversWithTheNextAttempt() {
    QueueConsumer c = consumer(group());
    Envelope e = fx.envelope(fx.tenant());
    store.publish(List.of(e));
    receiveOne(c).nack(Duration.ZERO);
    Delivery again = receiveOne(c);
    assertThat(again.envelope()).isEqualTo(e.withAttempt(2));
    again.ack();
  }

  @Test
  void nack_withDelay_isNotRedeliveredBeforeTheDelay() {
    QueueConsumer c = consumer(group());
    Envelope e = fx.envelope(fx.tenant());
    store.publish(List.of(e));
    Duration delay = Duration.ofSeconds(1);
    receiveOne(c).nack(delay);
    assertNothingArrives(c);
    elapse(delay);
    Delivery again = receiveOne(c);
    assertThat(again.envelope().attempt()).isEqualTo(2);
    again.ack();
  }

  @Test
  void unackedDelivery_isRedeliveredAfterTheAckTimeout() {
    QueueConsumer c = consumer(group());
    Envelope e = fx.envelope(fx.tenant());
    store.publish(List.of(e));
    receiveOne(c);
    assertNothingArrives(c);
    elapse(ackTimeout());
    Delivery again = receiveOne(c);
    assertThat(again.envelope()).isEqualTo(e.withAttempt(2));
    again.ack();
  }

  @Test
  void closedConsumer_unackedDeliveriesGoToAnotherConsumerOfTheGroup() {
    String group = group();
    QueueConsumer first = consumer(group);
    List<Envelope> published = publish(fx.tenant(), 3);
    List<Delivery> got = receive(first, 3);
    got.get(0).ack();
    first.close();
    QueueConsumer second = consumer(group);
    List<Delivery> redelivered = receive(second, 2);
    assertThat(redelivered)
        .extracting(d -> d.envelope().envelopeId())
        .containsExactlyInAnyOrder(
            got.get(1).envelope().envelopeId(), got.get(2).envelope().envelopeId());
    assertThat(redelivered).allSatisfy(d -> assertThat(d.envelope().attempt()).isEqualTo(2));
    redelivered.forEach(Delivery::ack);
    assertThat(envelopeIds(published)).contains(got.get(1).envelope().envelopeId());
  }

  @Test
  void envelopeNackedMaxDeliveriesTimes_goesToTheDeadLetterPathWithAReason() {
    QueueConsumer c = consumer(group());
    Envelope e = fx.envelope(fx.tenant());
    store.publish(List.of(e));
    for (int attempt = 1; attempt <= maxDeliveries(); attempt++) {
      Delivery d = receiveOne(c);
      assertThat(d.envelope().attempt()).isEqualTo(attempt);
      d.nack(Duration.ZERO);
    }
    assertNothingArrives(c);
    List<DeadLetter> dead = deadLettersOf(Set.of(e.envelopeId()));
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).envelope().payload()).isEqualTo(e.payload());
    assertThat(dead.get(0).envelope().tenantId()).isEqualTo(e.tenantId());
    assertThat(dead.get(0).reason()).isNotBlank();
  }

  @Test
  void deadLetter_keepsTheReasonAndStopsDelivery() {
    QueueConsumer c = consumer(group());
    Envelope e = fx.envelope(fx.tenant());
    store.publish(List.of(e));
    receiveOne(c).deadLetter("payload does not decode: unexpected token at 17");
    assertNothingArrives(c);
    List<DeadLetter> dead = deadLettersOf(Set.of(e.envelopeId()));
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).reason()).isEqualTo("payload does not decode: unexpected token at 17");
    assertThat(dead.get(0).envelope().envelopeId()).isEqualTo(e.envelopeId());
  }

  @Test
  void deadLetters_areOldestFirstAndStayListed() {
    QueueConsumer c = consumer(group());
    TenantId tenant = fx.tenant();
    List<EnvelopeId> order = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Envelope e = fx.envelope(tenant);
      store.publish(List.of(e));
      receiveOne(c).deadLetter("reason " + i);
      order.add(e.envelopeId());
    }
    Set<EnvelopeId> mine = Set.copyOf(order);
    assertThat(deadLettersOf(mine))
        .extracting(d -> d.envelope().envelopeId())
        .containsExactlyElementsOf(order);
    assertThat(deadLettersOf(mine))
        .extracting(DeadLetter::reason)
        .containsExactly("reason 0", "reason 1", "reason 2");
    assertThat(store.deadLetters(1)).hasSize(1);
  }

  @Test
  void settlingTwice_hasNoEffect() {
    QueueConsumer c = consumer(group());
    Envelope e = fx.envelope(fx.tenant());
    store.publish(List.of(e));
    Delivery d = receiveOne(c);
    d.ack();
    d.nack(Duration.ZERO);
    d.deadLetter("too late");
    assertNothingArrives(c);
    assertThat(deadLettersOf(Set.of(e.envelopeId()))).isEmpty();
  }

  @Test
  void envelopesOfOnePartitionKey_arriveInPublishOrder() {
    QueueConsumer c = consumer(group());
    TenantId tenant = fx.tenant();
    List<TraceId> traces = List.of(fx.traceId(), fx.traceId(), fx.traceId());
    List<Envelope> published = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      published.add(
          fx.envelope(tenant, traces.get(i % 3), ("{\"seq\":" + i + "}").getBytes(Fixtures.UTF8)));
    }
    store.publish(published.subList(0, 12));
    for (Envelope e : published.subList(12, 30)) {
      store.publish(List.of(e));
    }
    List<Delivery> got = receive(c, 30);
    got.forEach(Delivery::ack);
    assertThat(byKey(got.stream().map(Delivery::envelope).toList()))
        .isEqualTo(byKey(published.stream().map(e -> e.withAttempt(1)).toList()));
  }

  @Test
  void consumersOfOneGroup_shareTheEnvelopes() {
    String group = group();
    QueueConsumer a = consumer(group);
    QueueConsumer b = consumer(group);
    List<Envelope> published = publish(fx.tenant(), 20);
    Set<EnvelopeId> seen = ConcurrentHashMap.newKeySet();
    long deadline = System.nanoTime() + receiveWait().toNanos();
    while (seen.size() < 20 && System.nanoTime() < deadline) {
      for (QueueConsumer c : List.of(a, b)) {
        for (Delivery d : c.poll(5, Duration.ofMillis(50))) {
          seen.add(d.envelope().envelopeId());
          d.ack();
        }
      }
    }
    assertThat(seen).containsExactlyInAnyOrderElementsOf(envelopeIds(published));
  }

  @Test
  void everyGroup_receivesEveryEnvelope() {
    QueueConsumer a = consumer(group());
    QueueConsumer b = consumer(group());
    List<Envelope> published = publish(fx.tenant(), 4);
    List<Delivery> gotA = receive(a, 4);
    List<Delivery> gotB = receive(b, 4);
    gotA.forEach(Delivery::ack);
    gotB.forEach(Delivery::ack);
    assertThat(ids(gotA, List.of())).containsExactlyInAnyOrderElementsOf(envelopeIds(published));
    assertThat(ids(gotB, List.of())).containsExactlyInAnyOrderElementsOf(envelopeIds(published));
  }

  @Test
  void envelopesPublishedBeforeTheFirstConsumerJoined_areDelivered() {
    List<Envelope> published = publish(fx.tenant(), 3);
    List<Delivery> got = receive(consumer(group()), 3);
    got.forEach(Delivery::ack);
    assertThat(ids(got, List.of())).containsExactlyInAnyOrderElementsOf(envelopeIds(published));
  }

  @Test
  void publish_envelopeAtTheSizeLimit_isAcceptedAndDeliveredIntact() {
    QueueConsumer c = consumer(group());
    byte[] payload = new byte[Envelope.MAX_BYTES - Envelope.METADATA_ALLOWANCE];
    fx.random().nextBytes(payload);
    Envelope e = fx.envelope(fx.tenant(), fx.traceId(), payload);
    assertThat(e.sizeBytes()).isEqualTo(Envelope.MAX_BYTES);
    store.publish(List.of(e));
    Delivery d = receiveOne(c);
    assertThat(d.envelope()).isEqualTo(e.withAttempt(1));
    d.ack();
  }

  @Test
  void envelopeOverTheSizeLimit_isRejectedWithMessageTooLarge() {
    QueueConsumer c = consumer(group());
    byte[] payload = new byte[Envelope.MAX_BYTES - Envelope.METADATA_ALLOWANCE + 1];
    assertThatThrownBy(
            () -> store.publish(List.of(fx.envelope(fx.tenant(), fx.traceId(), payload))))
        .isInstanceOf(MessageTooLargeException.class)
        .satisfies(
            x -> assertThat(((MessageTooLargeException) x).limit()).isEqualTo(Envelope.MAX_BYTES));
    assertNothingArrives(c);
  }

  @Test
  void publish_nothing_isANoOp() {
    QueueConsumer c = consumer(group());
    store.publish(List.of());
    assertNothingArrives(c);
  }

  @Test
  void depth_countsPublishedEnvelopesNotYetAckedOrDeadLettered() {
    QueueConsumer c = consumer(group());
    c.poll(1, Duration.ofMillis(1));
    awaitDepth(0);
    publish(fx.tenant(), 3);
    awaitDepth(3);
    List<Delivery> got = receive(c, 3);
    awaitDepth(3);
    got.get(0).ack();
    got.get(1).ack();
    awaitDepth(1);
    got.get(2).deadLetter("poison");
    awaitDepth(0);
  }

  @Test
  void concurrentPublishersAndConsumers_deliverEveryEnvelope() throws Exception {
    String group = group();
    List<QueueConsumer> readers = List.of(consumer(group), consumer(group));
    TenantId tenant = fx.tenant();
    List<List<Envelope>> batches = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      List<Envelope> batch = new ArrayList<>();
      for (int j = 0; j < 10; j++) {
        batch.add(fx.envelope(tenant));
      }
      batches.add(batch);
    }
    Set<EnvelopeId> seen = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService readerThreads = Executors.newFixedThreadPool(readers.size());
    List<Future<?>> readerTasks = new ArrayList<>();
    for (QueueConsumer r : readers) {
      readerTasks.add(
          readerThreads.submit(
              () -> {
                while (!stop.get()) {
                  for (Delivery d : r.poll(50, Duration.ofMillis(100))) {
                    seen.add(d.envelope().envelopeId());
                    d.ack();
                  }
                }
              }));
    }
    Concurrently.runAll(
        4,
        i -> {
          for (int b = i; b < batches.size(); b += 4) {
            store.publish(batches.get(b));
          }
        });
    long deadline = System.nanoTime() + receiveWait().toNanos();
    while (seen.size() < 400 && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    stop.set(true);
    try {
      for (Future<?> t : readerTasks) {
        t.get(receiveWait().toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      readerThreads.shutdownNow();
    }
    assertThat(seen)
        .containsExactlyInAnyOrderElementsOf(
            batches.stream().flatMap(List::stream).map(Envelope::envelopeId).toList());
  }

  /**
   * Per-key order with several consumers: from the poll that hands it out until it is settled, an
   * envelope holds its partition key, and no other consumer of the group gets that key meanwhile;
   * each key's envelopes are settled in publish order. (Consumers here settle what they hold before
   * polling again, as the processor's workers do.)
   */
  @Test
  void oneKeysEnvelopes_neverInFlightAtTwoConsumersAtOnce() throws Exception {
    String group = group();
    int members = 3;
    List<QueueConsumer> readers = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      readers.add(consumer(group));
    }
    // two tenants with three traces each: six keys, several of them sharing a tenant
    List<TenantId> tenants = List.of(fx.tenant(), fx.tenant());
    List<TraceId> traces = List.of(fx.traceId(), fx.traceId(), fx.traceId());
    List<Envelope> published = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      byte[] payload = ("{\"seq\":" + i + "}").getBytes(Fixtures.UTF8);
      published.add(fx.envelope(tenants.get(i % 2), traces.get((i / 2) % 3), payload));
    }
    Map<String, Integer> holder = new ConcurrentHashMap<>();
    Map<String, Integer> holding = new ConcurrentHashMap<>();
    List<String> overlaps = Collections.synchronizedList(new ArrayList<>());
    Map<String, List<EnvelopeId>> ackOrder = new ConcurrentHashMap<>();
    Set<EnvelopeId> acked = ConcurrentHashMap.newKeySet();
    AtomicBoolean stop = new AtomicBoolean();
    ExecutorService threads = Executors.newFixedThreadPool(members);
    List<Future<?>> tasks = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      int me = m;
      QueueConsumer c = readers.get(m);
      tasks.add(
          threads.submit(
              () -> {
                while (!stop.get()) {
                  List<Delivery> batch = c.poll(4, Duration.ofMillis(100));
                  for (Delivery d : batch) { // in flight from the moment poll returns
                    String key = d.envelope().partitionKey();
                    synchronized (holder) {
                      Integer other = holder.putIfAbsent(key, me);
                      if (other != null && other != me) {
                        overlaps.add(key + " at consumers " + other + " and " + me);
                      }
                      holding.merge(key + "#" + me, 1, Integer::sum);
                    }
                  }
                  for (Delivery d : batch) {
                    String key = d.envelope().partitionKey();
                    sleepQuietly(2); // "processing": widens the window for an overlap
                    synchronized (holder) { // released just before the ack: never a false overlap
                      if (acked.add(d.envelope().envelopeId())) {
                        ackOrder
                            .computeIfAbsent(key, k -> new ArrayList<>())
                            .add(d.envelope().envelopeId());
                      }
                      if (holding.merge(key + "#" + me, -1, Integer::sum) == 0) {
                        holding.remove(key + "#" + me);
                        holder.remove(key, me);
                      }
                    }
                    d.ack();
                  }
                }
              }));
    }
    for (int i = 0; i < published.size(); i += 10) {
      store.publish(published.subList(i, i + 10));
    }
    long deadline = System.nanoTime() + receiveWait().toNanos() * 2;
    while (acked.size() < published.size() && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    stop.set(true);
    try {
      for (Future<?> t : tasks) {
        t.get(receiveWait().toMillis(), TimeUnit.MILLISECONDS);
      }
    } finally {
      threads.shutdownNow();
    }
    assertThat(overlaps).as("keys in flight at two consumers at once").isEmpty();
    assertThat(acked).containsExactlyInAnyOrderElementsOf(envelopeIds(published));
    assertThat(ackOrder).isEqualTo(byKey(published));
  }

  // ---- helpers ----

  /** A consumer of {@code group}, closed after the test. */
  protected QueueConsumer consumer(String group) {
    QueueConsumer c = store.consumer(group);
    consumers.add(c);
    return c;
  }

  /** A consumer group name no other test uses. */
  protected String group() {
    return "contract-" + fx.uuid().substring(0, 8);
  }

  /** Polls until {@code n} deliveries arrived (or {@link #receiveWait()} passed), unsettled. */
  protected List<Delivery> receive(QueueConsumer c, int n) {
    List<Delivery> got = new ArrayList<>();
    long deadline = System.nanoTime() + receiveWait().toNanos();
    while (got.size() < n) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      got.addAll(c.poll(n - got.size(), Duration.ofNanos(left)));
    }
    assertThat(got).as("deliveries received").hasSize(n);
    return got;
  }

  protected Delivery receiveOne(QueueConsumer c) {
    return receive(c, 1).get(0);
  }

  protected void assertNothingArrives(QueueConsumer c) {
    List<Delivery> got = c.poll(10, quietWait());
    assertThat(got).as("deliveries that should not arrive").isEmpty();
  }

  private List<Envelope> publish(TenantId tenant, int n) {
    List<Envelope> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(fx.envelope(tenant));
    }
    store.publish(out);
    return out;
  }

  private List<DeadLetter> deadLettersOf(Set<EnvelopeId> ids) {
    return store.deadLetters(10_000).stream()
        .filter(d -> ids.contains(d.envelope().envelopeId()))
        .toList();
  }

  private void awaitDepth(long expected) {
    long deadline = System.nanoTime() + receiveWait().toNanos();
    while (store.depth() != expected && System.nanoTime() < deadline) {
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    assertThat(store.depth()).as("depth").isEqualTo(expected);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static List<EnvelopeId> ids(List<Delivery> a, List<Delivery> b) {
    List<EnvelopeId> out = new ArrayList<>();
    a.forEach(d -> out.add(d.envelope().envelopeId()));
    b.forEach(d -> out.add(d.envelope().envelopeId()));
    return out;
  }

  private static List<EnvelopeId> envelopeIds(List<Envelope> envelopes) {
    return envelopes.stream().map(Envelope::envelopeId).toList();
  }

  private static Map<String, List<EnvelopeId>> byKey(List<Envelope> envelopes) {
    return envelopes.stream()
        .collect(
            Collectors.groupingBy(
                Envelope::partitionKey,
                LinkedHashMap::new,
                Collectors.mapping(Envelope::envelopeId, Collectors.toList())));
  }
}
