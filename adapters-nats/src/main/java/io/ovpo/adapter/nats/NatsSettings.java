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

  /** {@code <prefix>.<p>}: String.hashCode is fixed by the JLS, so every process agrees on p. */
  String subjectFor(TenantId tenant) {
    return subjectPrefix + "." + Math.floorMod(tenant.value().hashCode(), partitions);
  }

  /** A consumer-group name turned into a legal durable-consumer name. */
  static String durableName(String group) {
    Objects.requireNonNull(group, "group");
    require(!group.isBlank(), "group must not be blank");
    String name = group.replaceAll("[^A-Za-z0-9_-]", "_");
    return name.length() > 200 ? name.substring(0, 200) : name;
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
