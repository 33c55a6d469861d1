package io.ovpo.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.Connection;
import io.nats.client.JetStreamManagement;
import io.nats.client.KeyValue;
import io.nats.client.Nats;
import io.nats.client.api.KeyValueEntry;
import io.nats.client.api.MessageInfo;
import io.nats.client.impl.NatsMessage;
import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.QueueConsumer;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.IngestQueueContract;
import io.ovpo.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/** The ingest-queue contract and NATS-specific behaviour against a real JetStream server. */
@SuppressWarnings("try") // jnats Connection.close() declares InterruptedException
@ExtendWith(NatsServerExtension.class)
class NatsIngestQueueIT {
  private static final Duration ACK_WAIT = Duration.ofSeconds(1);
  private static final int MAX_DELIVER = 3;

  @Nested
  class Contract extends IngestQueueContract<NatsIngestQueue> {
    private NatsTestQueue names;

    @Override
    protected NatsIngestQueue newQueue(MutableClock clock) {
      names = NatsTestQueue.create();
      return names.builder().ackWait(ACK_WAIT).maxDeliver(MAX_DELIVER).clock(clock).build();
    }

    @Override
    protected void closeStore(NatsIngestQueue queue) {
      queue.close();
      names.close();
    }

    @Override
    protected int maxDeliveries() {
      return MAX_DELIVER;
    }

    @Override
    protected Duration ackTimeout() {
      return ACK_WAIT;
    }

    @Override
    protected boolean usesBackendClock() {
      return true; // the server keeps ack wait and nack delays
    }
  }

  private final List<QueueConsumer> consumers = new ArrayList<>();
  private NatsTestQueue names;
  private NatsIngestQueue queue;
  private Fixtures fx;

  @BeforeEach
  void open(TestInfo info) {
    fx = Fixtures.forTest(info.getDisplayName());
    names = NatsTestQueue.create();
    queue = names.builder().ackWait(ACK_WAIT).maxDeliver(MAX_DELIVER).build();
  }

  @AfterEach
  void closeAll() {
    consumers.forEach(QueueConsumer::close);
    queue.close();
    names.close();
  }

  @Test
  void republishOfTheSameEnvelopeId_isDroppedByTheServer() throws Exception {
    Envelope e = fx.envelope(fx.tenant());
    queue.publish(List.of(e));
    queue.publish(List.of(e)); // a collector retry after a lost confirmation
    assertThat(streamMessageCount()).isEqualTo(1);
    QueueConsumer c = consumer("g");
    receive(c, 1).forEach(Delivery::ack);
    assertThat(c.poll(10, Duration.ofMillis(300))).isEmpty();
  }

  @Test
  void consumerThatDies_itsUnackedEnvelopesGoToTheNextMemberAfterAckWait() {
    List<Envelope> published = List.of(fx.envelope(fx.tenant()), fx.envelope(fx.tenant()));
    queue.publish(published);
    QueueConsumer dying = queue.consumer("g"); // never closed: it just stops, like a killed process
    List<Delivery> first = receive(dying, 2); // two tenants: in the order their partitions came
    first.get(0).ack();
    QueueConsumer next = consumer("g");
    List<Delivery> again = receive(next, 1);
    assertThat(again.get(0).envelope()).isEqualTo(first.get(1).envelope().withAttempt(2));
    assertThat(published).contains(first.get(1).envelope());
    again.get(0).ack();
  }

  @Test
  void restartedConsumer_continuesWhereTheGroupLeftOff() {
    queue.publish(List.of(fx.envelope(fx.tenant()), fx.envelope(fx.tenant())));
    QueueConsumer before = queue.consumer("g");
    receive(before, 1).forEach(Delivery::ack);
    before.close();
    Envelope later = fx.envelope(fx.tenant());
    queue.publish(List.of(later));
    QueueConsumer after = consumer("g");
    List<Delivery> got = receive(after, 2);
    got.forEach(Delivery::ack);
    assertThat(got).extracting(d -> d.envelope().envelopeId()).contains(later.envelopeId());
  }

  @Test
  void ackTimeout_isTheServers_theUnackedEnvelopeComesBackToItsPartitionsMember() throws Exception {
    Envelope e = fx.envelope(fx.tenant());
    queue.publish(List.of(e));
    QueueConsumer a = consumer("g");
    receive(a, 1); // not acked
    Thread.sleep(ACK_WAIT.toMillis());
    Delivery again = receive(a, 1).get(0);
    assertThat(again.envelope()).isEqualTo(e.withAttempt(2));
    again.ack();
  }

  @Test
  void eachPartition_isPulledByOneMemberOfTheGroup_andTheMembersShareThePartitions()
      throws Exception {
    QueueConsumer a = consumer("g");
    QueueConsumer b = consumer("g");
    a.poll(1, Duration.ofMillis(1)); // a joins alone and leases all four partitions
    b.poll(1, Duration.ofMillis(1)); // b joins: nothing is free yet
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && leasedTo("g").values().stream().distinct().count() < 2) {
      a.poll(1, Duration.ofMillis(100)); // a gives back its extra partitions on a heartbeat
      b.poll(1, Duration.ofMillis(100)); // b takes them
    }
    Map<Integer, String> owners = leasedTo("g");
    assertThat(owners).hasSize(4);
    assertThat(owners.values().stream().distinct().count()).isEqualTo(2);
    assertThat(owners.values().stream().filter(owners.get(0)::equals).count()).isEqualTo(2);
  }

  @Test
  void closedMember_givesItsPartitionsBack_atOnce() throws Exception {
    QueueConsumer a = queue.consumer("g");
    a.poll(1, Duration.ofMillis(1));
    assertThat(leasedTo("g")).hasSize(4);
    a.close();
    assertThat(leasedTo("g")).isEmpty();
  }

  @Test
  void deliveriesExhaustedByAckTimeouts_areDeadLetteredWithTheReason() throws Exception {
    Envelope e = fx.envelope(fx.tenant());
    queue.publish(List.of(e));
    QueueConsumer c = consumer("g");
    for (int attempt = 1; attempt <= MAX_DELIVER; attempt++) {
      assertThat(receive(c, 1).get(0).envelope().attempt()).isEqualTo(attempt);
      Thread.sleep(ACK_WAIT.toMillis()); // never acked
    }
    assertThat(c.poll(10, Duration.ofSeconds(2))).isEmpty();
    List<DeadLetter> dead = queue.deadLetters(10);
    assertThat(dead).hasSize(1);
    assertThat(dead.get(0).envelope().envelopeId()).isEqualTo(e.envelopeId());
    assertThat(dead.get(0).envelope().attempt()).isEqualTo(MAX_DELIVER);
    assertThat(dead.get(0).reason()).contains("not acked after " + MAX_DELIVER + " deliveries");
  }

  @Test
  void eachTenant_isOnItsPartitionSubject_withTheMetadataInHeaders() throws Exception {
    TenantId t1 = fx.tenant();
    TenantId t2 = fx.tenant();
    Envelope e1 = fx.envelope(t1);
    Envelope e2 = fx.envelope(t2);
    queue.publish(List.of(e1, e2));
    try (Connection c = Nats.connect(names.url())) {
      JetStreamManagement jsm = c.jetStreamManagement();
      MessageInfo m1 = jsm.getMessage(names.stream(), 1);
      MessageInfo m2 = jsm.getMessage(names.stream(), 2);
      assertThat(m1.getSubject())
          .isEqualTo(names.subjectPrefix() + "." + Math.floorMod(t1.value().hashCode(), 4));
      assertThat(m2.getSubject())
          .isEqualTo(names.subjectPrefix() + "." + Math.floorMod(t2.value().hashCode(), 4));
      assertThat(m1.getHeaders().getFirst("Nats-Msg-Id")).isEqualTo(e1.envelopeId().value());
      assertThat(m1.getHeaders().getFirst("Ovpo-Tenant-Id")).isEqualTo(t1.value());
      assertThat(m1.getHeaders().getFirst("Ovpo-Partition-Key")).isEqualTo(e1.partitionKey());
      assertThat(m1.getHeaders().getFirst("Ovpo-Content-Hash")).isEqualTo(e1.contentHash());
      assertThat(m1.getData()).isEqualTo(e1.payload());
    }
  }

  @Test
  void payloadLargerThanTheServersMaxPayload_travelsByClaimCheck() throws Exception {
    byte[] payload = new byte[3 * 1024 * 1024];
    fx.random().nextBytes(payload);
    Envelope e = fx.envelope(fx.tenant(), fx.traceId(), payload);
    queue.publish(List.of(e));
    try (Connection c = Nats.connect(names.url())) {
      MessageInfo m = c.jetStreamManagement().getMessage(names.stream(), 1);
      assertThat(m.getData()).isNullOrEmpty();
      assertThat(m.getHeaders().getFirst("Ovpo-Payload-Object")).isEqualTo(e.envelopeId().value());
    }
    Delivery d = receive(consumer("g"), 1).get(0);
    assertThat(d.envelope()).isEqualTo(e.withAttempt(1));
    d.ack();
  }

  @Test
  void messageThatIsNoEnvelope_isDeadLetteredWithTheReason_andNotHandedOut() throws Exception {
    QueueConsumer c = consumer("g");
    try (Connection nc = Nats.connect(names.url())) {
      nc.jetStream()
          .publish(
              NatsMessage.builder()
                  .subject(names.subjectPrefix() + ".0")
                  .data("garbage".getBytes(StandardCharsets.UTF_8))
                  .build());
      assertThat(c.poll(10, Duration.ofSeconds(1))).isEmpty();
      MessageInfo dead = nc.jetStreamManagement().getMessage(names.stream() + "_DLQ", 1);
      assertThat(HeaderText.decode(dead.getHeaders().getFirst("Ovpo-Dead-Letter-Reason")))
          .startsWith("unreadable envelope: message has no headers");
      assertThat(dead.getData()).isEqualTo("garbage".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(queue.deadLetters(10)).isEmpty(); // not an envelope: for an operator's tools
  }

  @Test
  void deadLetterReason_withNonAsciiText_survivesTheHeader() {
    Envelope e = fx.envelope(fx.tenant());
    queue.publish(List.of(e));
    String reason = "décodage impossible: 100% \"invalid\"\nline 2 ✗";
    receive(consumer("g"), 1).get(0).deadLetter(reason);
    assertThat(queue.deadLetters(10)).extracting(DeadLetter::reason).containsExactly(reason);
  }

  @Test
  void unreachableServer_checkReportsDown_andPublishFailsWithQueueUnavailable() throws Exception {
    try (NatsIngestQueue down =
        NatsIngestQueue.builder()
            .url("nats://127.0.0.1:" + NatsServerExtension.freePort())
            .requestTimeout(Duration.ofSeconds(1))
            .build()) {
      HealthStatus health = down.check();
      assertThat(health.up()).isFalse();
      assertThat(health.component()).isEqualTo("nats");
      assertThatThrownBy(() -> down.publish(List.of(fx.envelope(fx.tenant()))))
          .isInstanceOf(QueueUnavailableException.class);
    }
  }

  /** Partition → member, from the group's lease keys. */
  private Map<Integer, String> leasedTo(String group) throws Exception {
    Map<Integer, String> owners = new TreeMap<>();
    try (Connection c = Nats.connect(names.url())) {
      KeyValue kv = c.keyValue(names.stream() + "_LEASES");
      for (String key : kv.keys(group + ".p.*")) {
        KeyValueEntry entry = kv.get(key);
        if (entry != null && entry.getValue() != null) {
          owners.put(
              Integer.parseInt(key.substring(key.lastIndexOf('.') + 1)), entry.getValueAsString());
        }
      }
    }
    return owners;
  }

  private long streamMessageCount() throws Exception {
    try (Connection c = Nats.connect(names.url())) {
      return c.jetStreamManagement().getStreamInfo(names.stream()).getStreamState().getMsgCount();
    }
  }

  private QueueConsumer consumer(String group) {
    QueueConsumer c = queue.consumer(group);
    consumers.add(c);
    return c;
  }

  private static List<Delivery> receive(QueueConsumer c, int n) {
    List<Delivery> got = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (got.size() < n && System.nanoTime() < deadline) {
      got.addAll(c.poll(n - got.size(), Duration.ofMillis(500)));
    }
    assertThat(got).hasSize(n);
    return got;
  }
}
