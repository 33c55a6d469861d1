package io.ovpo.core.service;

import io.ovpo.core.service.EnvelopePacker.IndexedItem;
import io.ovpo.core.service.EnvelopePacker.Packed;
import io.ovpo.core.validation.SemanticValidator;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.DecodedItem;
import io.ovpo.ports.in.IngestBatchUseCase;
import io.ovpo.ports.in.IngestCommand;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.IdempotencyClaim;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.IdempotencyStore;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.ItemCodec;
import io.ovpo.ports.out.MetricsRecorder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code POST /v1/ingest/batch} after parsing (DESIGN.md section 3): semantic validation of each
 * schema-valid item, idempotency, grouping into per-trace envelopes and publishing. The receipt
 * counts as processed exactly the items that reached the queue; when the queue does not take the
 * batch, nothing is acknowledged and the Idempotency-Key is released so a retry can succeed.
 *
 * <p>With an Idempotency-Key, of concurrent identical requests exactly one publishes; the others
 * wait for its receipt (up to {@link IngestSettings#inProgressWait()}) and replay it with {@code
 * duplicate = true}.
 */
public final class IngestService implements IngestBatchUseCase {
  private static final System.Logger LOG = System.getLogger(IngestService.class.getName());

  private final IdempotencyStore idempotency;
  private final IngestQueue queue;
  private final Clock clock;
  private final MetricsRecorder metrics;
  private final IngestSettings settings;
  private final EnvelopePacker packer;

  public IngestService(
      IdempotencyStore idempotency,
      IngestQueue queue,
      ItemCodec codec,
      Clock clock,
      MetricsRecorder metrics,
      IngestSettings settings) {
    this.idempotency = Objects.requireNonNull(idempotency, "idempotency");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.packer = new EnvelopePacker(codec, settings.maxEnvelopePayloadBytes());
  }

  @Override
  public IngestReceipt ingest(IngestCommand command) {
    Access.require(command.principal(), Permission.TRACE_WRITE);
    Optional<String> key = command.idempotencyKey();
    if (key.isEmpty()) {
      return accept(command);
    }
    IdempotencyKeys.check(key.get());
    TenantId tenant = command.principal().tenantId();
    IdempotencyClaim claim = awaitClaim(tenant, key.get(), command.bodySha256());
    if (claim instanceof IdempotencyClaim.Completed done) {
      metrics.increment("idempotent_replays_total", 1);
      return done.receipt().asDuplicate();
    }
    boolean completed = false;
    try {
      IngestReceipt receipt = accept(command);
      completed = complete(tenant, key.get(), command.bodySha256(), receipt);
      return receipt;
    } finally {
      if (!completed) {
        release(tenant, key.get());
      }
    }
  }

  /** Claims the key, waiting while another request holds it; Acquired or Completed. */
  private IdempotencyClaim awaitClaim(TenantId tenant, String key, String bodySha256) {
    long deadline = System.nanoTime() + settings.inProgressWait().toNanos();
    while (true) {
      IdempotencyClaim claim =
          idempotency.claim(tenant, key, bodySha256, clock.instant(), settings.claimLockTtl());
      if (claim instanceof IdempotencyClaim.Conflict) {
        throw new OvpoException(
            ErrorCode.IDEMPOTENCY_KEY_REUSED,
            "the Idempotency-Key was already used with a different request body");
      }
      if (!(claim instanceof IdempotencyClaim.InProgress)) {
        return claim;
      }
      if (System.nanoTime() - deadline >= 0) {
        throw new OvpoException(
            ErrorCode.CONFLICT,
            "a request with the same Idempotency-Key is still being processed; retry later");
      }
      sleep(settings.inProgressPoll(), ErrorCode.CONFLICT);
    }
  }

  private IngestReceipt accept(IngestCommand command) {
    List<ItemError> errors = new ArrayList<>();
    List<IndexedItem> valid = new ArrayList<>();
    int failed = 0;
    for (DecodedItem item : command.items()) {
      if (item instanceof DecodedItem.Invalid invalid) {
        errors.addAll(invalid.errors());
        failed++;
      } else if (item instanceof DecodedItem.Valid v) {
        List<ItemError> semantic =
            SemanticValidator.validate(v.index(), v.item(), command.receivedAt());
        if (semantic.isEmpty()) {
          valid.add(new IndexedItem(v.index(), v.item(), v.json()));
        } else {
          errors.addAll(semantic);
          failed++;
        }
      }
    }
    Packed packed = packer.pack(command.principal().tenantId(), command.receivedAt(), valid);
    for (IndexedItem big : packed.tooLarge()) {
      errors.add(
          new ItemError(
              big.index(),
              Optional.of(big.item().itemType()),
              ErrorCode.SEMANTIC_VIOLATION,
              "",
              "item is larger than one queue message can carry"));
      failed++;
    }
    publish(packed.envelopes());
    valid.removeAll(packed.tooLarge());
    record(valid, failed);
    errors.sort(Comparator.comparingInt(ItemError::itemIndex)); // stable: per-item order kept
    int accepted = valid.size();
    return new IngestReceipt(
        command.request().requestId(), accepted > 0 ? 202 : 400, accepted, failed, false, errors);
  }

  private void publish(List<Envelope> envelopes) {
    if (envelopes.isEmpty()) {
      return;
    }
    QueueUnavailableException last = null;
    for (int attempt = 1; attempt <= settings.publishAttempts(); attempt++) {
      try {
        // Retries reuse the same envelope ids, so a broker drops what it already has.
        queue.publish(envelopes);
        return;
      } catch (QueueUnavailableException e) {
        last = e;
        metrics.increment("publish_failures_total", 1);
        if (attempt < settings.publishAttempts()) {
          sleep(
              settings.publishBackoff().multipliedBy(1L << (attempt - 1)),
              ErrorCode.QUEUE_UNAVAILABLE);
        }
      }
    }
    LOG.log(System.Logger.Level.WARNING, "ingest queue unavailable: {0}", last.getMessage());
    throw new OvpoException(
        ErrorCode.QUEUE_UNAVAILABLE,
        "the ingest queue is unavailable; nothing of this batch was accepted, retry later",
        last);
  }

  private void record(List<IndexedItem> accepted, int failed) {
    Map<ItemType, Long> byType = new EnumMap<>(ItemType.class);
    accepted.forEach(i -> byType.merge(i.item().itemType(), 1L, Long::sum));
    byType.forEach((t, n) -> metrics.increment("items_accepted_total", n, "item_type", t.wire()));
    if (failed > 0) {
      metrics.increment("validation_failures_total", failed);
    }
  }

  private boolean complete(TenantId tenant, String key, String hash, IngestReceipt receipt) {
    try {
      idempotency.complete(
          tenant, key, hash, receipt, clock.instant().plus(settings.idempotencyRetention()));
      return true;
    } catch (StoreUnavailableException e) {
      // The items are queued, so the client gets its receipt; a retry re-publishes and the
      // processor's dedupe absorbs it.
      LOG.log(
          System.Logger.Level.WARNING, "could not store idempotent receipt: {0}", e.getMessage());
      return false;
    }
  }

  private void release(TenantId tenant, String key) {
    try {
      idempotency.release(tenant, key);
    } catch (RuntimeException e) {
      // The claim's lock TTL frees the key anyway.
      LOG.log(
          System.Logger.Level.WARNING, "could not release Idempotency-Key: {0}", e.getMessage());
    }
  }

  private static void sleep(Duration d, ErrorCode onInterrupt) {
    try {
      Thread.sleep(d.toMillis(), (int) (d.toNanosPart() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new OvpoException(onInterrupt, "the request was interrupted; retry later", e);
    }
  }
}
