package io.ovpo.ports.out;

import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import java.util.List;

/**
 * The durable queue between collector and processor: at-least-once, ordered per partition key, with
 * a dead-letter path.
 *
 * <p>Publishing returns only once the broker has durably accepted every envelope; a re-publish of
 * the same envelope id within the broker's duplicate window may be dropped by the broker. Consumers
 * see each envelope until they ack it or it is dead-lettered: nack, a consumer that dies, or an ack
 * timeout leads to redelivery with {@code attempt + 1}; after the configured maximum number of
 * deliveries the envelope goes to the dead-letter path with the reason.
 */
public interface IngestQueue extends HealthCheck, AutoCloseable {
  /**
   * Durably publishes the envelopes (ordered within each partition key).
   *
   * @throws io.ovpo.ports.error.QueueUnavailableException if the broker did not confirm all of
   *     them; some may have been published, so callers retry with the same envelope ids
   * @throws io.ovpo.ports.error.MessageTooLargeException for an envelope over 10 MiB
   */
  void publish(List<Envelope> envelopes);

  /** Joins (or creates) a consumer group; envelopes are shared among a group's consumers. */
  QueueConsumer consumer(String group);

  /** Up to {@code max} dead letters, oldest first, without removing them. */
  List<DeadLetter> deadLetters(int max);

  /** Envelopes published but not yet acked or dead-lettered, approximately (for metrics). */
  long depth();

  @Override
  void close();
}
