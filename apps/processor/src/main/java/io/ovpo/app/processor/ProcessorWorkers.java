package io.ovpo.app.processor;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.PoisonMessageException;
import io.ovpo.ports.in.ProcessEnvelopeUseCase;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.QueueConsumer;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The processor's consumers: a fixed number of threads, each with its own queue consumer, each
 * looping poll → process → settle. An envelope is acked only after {@link
 * ProcessEnvelopeUseCase#process} returned, i.e. after its writes committed (spec 03 §1). A poison
 * envelope is dead-lettered at once; a transient store failure is nacked with a delay that doubles
 * per attempt (capped), and on the last allowed attempt dead-lettered with the error; anything else
 * is nacked the same way.
 *
 * <p>Backpressure: a worker polls only when it has finished what it holds, so slow stores slow the
 * consumption and memory stays bounded by workers × pollBatch envelopes; a worker whose stores keep
 * failing also pauses before its next poll. Free of static state: the all-in-one server runs the
 * same class next to its HTTP routes.
 */
@Singleton
public final class ProcessorWorkers implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorWorkers.class);
  private static final int MAX_REASON = 4096;
  private static final long DEPTH_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final IngestQueue queue;
  private final ProcessEnvelopeUseCase processor;
  private final MetricsRecorder metrics;
  private final Clock clock;
  private final WorkerSettings settings;
  private final List<Thread> threads = new ArrayList<>();
  private final AtomicLong lastDepthUpdate =
      new AtomicLong(System.nanoTime() - DEPTH_INTERVAL_NANOS);
  private volatile boolean polling;
  private volatile long drainDeadline;

  @Inject
  public ProcessorWorkers(
      IngestQueue queue,
      ProcessEnvelopeUseCase processor,
      MetricsRecorder metrics,
      Clock clock,
      OvpoConfig config) {
    this(
        queue,
        processor,
        metrics,
        clock,
        WorkerSettings.defaults(config.integer(Setting.PROCESSOR_WORKERS)));
  }

  public ProcessorWorkers(
      IngestQueue queue,
      ProcessEnvelopeUseCase processor,
      MetricsRecorder metrics,
      Clock clock,
      WorkerSettings settings) {
    this.queue = queue;
    this.processor = processor;
    this.metrics = metrics;
    this.clock = clock;
    this.settings = settings;
  }

  /** Joins the consumer group and starts the workers; a second call does nothing. */
  public synchronized void start() {
    if (!threads.isEmpty()) {
      return;
    }
    polling = true;
    for (int i = 0; i < settings.workers(); i++) {
      QueueConsumer consumer = queue.consumer(settings.group());
      Thread t = new Thread(() -> run(consumer), "ovpo-processor-" + i);
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
    LOG.info("processor started: {} workers in group {}", settings.workers(), settings.group());
  }

  /**
   * Stops polling and lets every worker finish the envelopes it holds (settling each), for up to
   * {@code timeout}; what is still unprocessed then is handed back to the queue for redelivery.
   *
   * @return true when every worker finished in time
   */
  public boolean drain(Duration timeout) {
    List<Thread> running;
    synchronized (this) {
      running = List.copyOf(threads);
      threads.clear();
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    drainDeadline = deadline;
    polling = false;
    boolean finished = true;
    for (Thread t : running) {
      try {
        long left = deadline - System.nanoTime();
        if (left > 0) {
          TimeUnit.NANOSECONDS.timedJoin(t, left);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (t.isAlive()) {
        finished = false;
        t.interrupt(); // its consumer closes and un-acked envelopes are redelivered
      }
    }
    return finished;
  }

  /** Drains for up to 10 s. */
  @Override
  public void close() {
    drain(Duration.ofSeconds(10));
  }

  private void run(QueueConsumer consumer) {
    int failures = 0;
    try (consumer) {
      while (polling) {
        List<Delivery> batch;
        try {
          batch = consumer.poll(settings.pollBatch(), settings.pollWait());
        } catch (RuntimeException e) {
          LOG.warn("polling the ingest queue failed: {}", e.toString());
          pause(settings.backoff(++failures));
          continue;
        }
        for (Delivery d : batch) {
          if (!polling && System.nanoTime() - drainDeadline > 0) {
            settle(() -> d.nack(Duration.ZERO), d, "hand back");
            continue;
          }
          failures = handle(d) ? 0 : failures + 1;
        }
        if (failures > 0) {
          pause(settings.backoff(failures));
        }
        updateDepth();
      }
    }
  }

  /** Processes and settles one delivery; false when it failed for a reason that may pass. */
  private boolean handle(Delivery d) {
    Envelope e = d.envelope();
    MDC.put("tenant_id", e.tenantId().value());
    MDC.put("envelope_id", e.envelopeId().value());
    try {
      processor.process(e);
      settle(d::ack, d, "ack");
      metrics.increment("envelopes_settled_total", 1, "result", "acked");
      double lag = (clock.millis() - e.receivedAt().toEpochMilli()) / 1000.0;
      metrics.observe("processing_lag_seconds", Math.max(0, lag));
      return true;
    } catch (PoisonMessageException p) {
      deadLetter(d, "poison message: " + p.getMessage());
      return true;
    } catch (StoreUnavailableException s) {
      retryOrBury(d, "store write failed", s);
      return false;
    } catch (RuntimeException other) {
      LOG.error("processing envelope {} failed unexpectedly", e.envelopeId(), other);
      retryOrBury(d, "processing failed", other);
      return false;
    } finally {
      MDC.remove("tenant_id");
      MDC.remove("envelope_id");
    }
  }

  private void retryOrBury(Delivery d, String what, RuntimeException cause) {
    int attempt = d.envelope().attempt();
    if (attempt >= settings.maxDeliveries()) {
      deadLetter(d, what + " on the last of " + attempt + " attempts: " + cause.getMessage());
      return;
    }
    Duration delay = settings.backoff(attempt);
    LOG.warn(
        "{} (attempt {}), envelope {} redelivered in {} ms: {}",
        what,
        attempt,
        d.envelope().envelopeId(),
        delay.toMillis(),
        cause.getMessage());
    settle(() -> d.nack(delay), d, "nack");
    metrics.increment("envelopes_settled_total", 1, "result", "nacked");
  }

  private void deadLetter(Delivery d, String reason) {
    String r = reason.length() > MAX_REASON ? reason.substring(0, MAX_REASON) : reason;
    LOG.warn("dead-lettering envelope {}: {}", d.envelope().envelopeId(), r);
    settle(() -> d.deadLetter(r), d, "dead-letter");
    metrics.increment("envelopes_settled_total", 1, "result", "dead_lettered");
    metrics.increment("dlq_published_total", 1);
    metrics.increment("queue_dead_letters_total", 1);
  }

  /** A settle that fails leaves the envelope to the queue's redelivery, which dedupe absorbs. */
  private static void settle(Runnable action, Delivery d, String what) {
    try {
      action.run();
    } catch (RuntimeException e) {
      LOG.warn("could not {} envelope {}: {}", what, d.envelope().envelopeId(), e.toString());
    }
  }

  /** Sleeps in short slices so a drain is not held up by a long pause. */
  private void pause(Duration d) {
    long end = System.nanoTime() + d.toNanos();
    while (polling && System.nanoTime() - end < 0) {
      try {
        Thread.sleep(Math.min(100, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** At most once a second across workers: the queue's depth as a gauge. */
  private void updateDepth() {
    long now = System.nanoTime();
    long last = lastDepthUpdate.get();
    if (now - last < DEPTH_INTERVAL_NANOS || !lastDepthUpdate.compareAndSet(last, now)) {
      return;
    }
    try {
      metrics.gauge("queue_depth", queue.depth());
    } catch (RuntimeException e) {
      LOG.debug("could not read the queue depth: {}", e.toString());
    }
  }
}
