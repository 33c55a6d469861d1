package io.ovpo.adapter.nats;

import io.nats.client.api.StorageType;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.MetricsRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/** Everything the builder collected, validated once. */
record NatsSettings(
    String url,
    String stream,
    String subjectPrefix,
    int partitions,
    StorageType storage,
    int replicas,
    Duration duplicateWindow,
    Duration maxAge,
    Duration deadLetterMaxAge,
    Duration ackWait,
    int maxDeliver,
    int maxAckPending,
    Duration requestTimeout,
    String connectionName,
    MetricsRecorder metrics,
    Clock clock) {
  /** Stream and consumer names: no whitespace, dots, wildcards or path separators. */
  private static final Pattern NAME = Pattern.compile("^[A-Za-z0-9_-]{1,200}$");

  /** Dot-separated subject tokens without wildcards. */
  private static final Pattern SUBJECT = Pattern.compile("^[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*$");

  NatsSettings {
    Objects.requireNonNull(url, "url");
    require(NAME.matcher(stream).matches(), "stream name must match " + NAME + ": " + stream);
    require(
        SUBJECT.matcher(subjectPrefix).matches(),
        "subject prefix must be dot-separated tokens: " + subjectPrefix);
    require(partitions >= 1 && partitions <= 4096, "partitions must be 1..4096");
    Objects.requireNonNull(storage, "storage");
    require(replicas >= 1 && replicas <= 5, "replicas must be 1..5");
    positive(duplicateWindow, "duplicateWindow");
    positive(maxAge, "maxAge");
    positive(deadLetterMaxAge, "deadLetterMaxAge");
    require(ackWait.toMillis() >= 100, "ackWait must be at least 100 ms");
    require(maxDeliver >= 1, "maxDeliver must be at least 1");
    require(maxAckPending >= 1, "maxAckPending must be at least 1");
    positive(requestTimeout, "requestTimeout");
    Objects.requireNonNull(connectionName, "connectionName");
    Objects.requireNonNull(metrics, "metrics");
    Objects.requireNonNull(clock, "clock");
  }

  String deadLetterStream() {
    return stream + "_DLQ";
  }

  /** Outside {@code <prefix>.*}, so the two streams' subjects never overlap. */
  String deadLetterSubject() {
    return subjectPrefix + "-dlq";
  }

  String payloadBucket() {
    return stream + "_PAYLOADS";
  }

  String subjectFilter() {
    return subjectPrefix + ".*";
  }

  /** The subject of partition {@code p}. */
  String partitionSubject(int p) {
    return subjectPrefix + "." + p;
  }

  /** The partition a stream subject belongs to, or -1 when it is not one of this stream's. */
  int partitionOf(String subject) {
    if (subject == null || !subject.startsWith(subjectPrefix + ".")) {
      return -1;
    }
    try {
      int p = Integer.parseInt(subject.substring(subjectPrefix.length() + 1));
      return p >= 0 && p < partitions ? p : -1;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** KV bucket of the consumer groups' members and partition leases. */
  String leaseBucket() {
    return stream + "_LEASES";
  }

  /**
   * How often a member renews its leases and looks at the group's membership: a third of the ack
   * wait, between 100 ms and 5 s.
   */
  Duration heartbeat() {
    Duration third = ackWait.dividedBy(3);
    Duration floor = Duration.ofMillis(100);
    Duration cap = Duration.ofSeconds(5);
    return third.compareTo(floor) < 0 ? floor : (third.compareTo(cap) > 0 ? cap : third);
  }

  /**
   * How long a lease outlives its member's last renewal: the ack wait plus two heartbeats, so the
   * envelopes a dead member held are due for redelivery before another member takes the partition
   * over, and come before the partition's newer envelopes.
   */
  Duration leaseTtl() {
    return ackWait.plus(heartbeat().multipliedBy(2));
  }

  /** {@code <prefix>.<p>}: String.hashCode is fixed by the JLS, so every process agrees on p. */
  String subjectFor(TenantId tenant) {
    return partitionSubject(Math.floorMod(tenant.value().hashCode(), partitions));
  }

  /** A consumer-group name turned into a legal durable-consumer name. */
  static String durableName(String group) {
    Objects.requireNonNull(group, "group");
    require(!group.isBlank(), "group must not be blank");
    String name = group.replaceAll("[^A-Za-z0-9_-]", "_");
    return name.length() > 190 ? name.substring(0, 190) : name; // room for "_p<partition>"
  }

  /** The durable consumer of one partition for a group's durable name. */
  static String partitionDurable(String durable, int p) {
    return durable + "_p" + p;
  }

  private static void positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    require(!d.isNegative() && !d.isZero(), what + " must be positive");
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
