package io.ovpo.app.processor;

import io.ovpo.ports.in.ReconcileUseCase;
import io.ovpo.ports.out.MetricsRecorder;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the reconciliation pass (spec 04 §7.2) on a timer: every second, due traces in batches of
 * {@value #BATCH}, more batches at once while a batch comes back full (at most {@value
 * #MAX_BATCHES_PER_RUN} per run, so one run cannot starve the next). A failing run is logged and
 * counted; the timer goes on.
 */
@Singleton
public final class ReconcileScheduler implements AutoCloseable {
  static final int BATCH = 500;
  static final int MAX_BATCHES_PER_RUN = 20;
  private static final Logger LOG = LoggerFactory.getLogger(ReconcileScheduler.class);

  private final ReconcileUseCase reconcile;
  private final MetricsRecorder metrics;
  private final Duration period;
  private ScheduledExecutorService timer;

  @Inject
  public ReconcileScheduler(ReconcileUseCase reconcile, MetricsRecorder metrics) {
    this(reconcile, metrics, Duration.ofSeconds(1));
  }

  public ReconcileScheduler(ReconcileUseCase reconcile, MetricsRecorder metrics, Duration period) {
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("period must be positive");
    }
    this.reconcile = reconcile;
    this.metrics = metrics;
    this.period = period;
  }

  /** Starts the timer; a second call does nothing. */
  public synchronized void start() {
    if (timer != null) {
      return;
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "ovpo-reconciler");
              t.setDaemon(true);
              return t;
            });
    long ms = period.toMillis();
    timer.scheduleWithFixedDelay(this::runOnce, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** One run; returns the number of traces reconciled. Never throws. */
  public int runOnce() {
    int total = 0;
    try {
      for (int i = 0; i < MAX_BATCHES_PER_RUN; i++) {
        int n = reconcile.reconcileDue(BATCH);
        total += n;
        if (n < BATCH) {
          break;
        }
      }
    } catch (RuntimeException e) {
      metrics.increment("reconcile_failures_total", 1);
      LOG.warn("reconciliation run failed (retried next run): {}", e.toString());
    }
    return total;
  }

  /** Stops the timer, letting a run in progress finish (up to 10 s). */
  @Override
  public synchronized void close() {
    if (timer == null) {
      return;
    }
    timer.shutdown();
    try {
      if (!timer.awaitTermination(10, TimeUnit.SECONDS)) {
        timer.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      timer.shutdownNow();
    }
    timer = null;
  }
}
