package io.ovpo.app.processor;

import io.ovpo.app.common.wiring.RetentionConfig;
import io.ovpo.ports.in.RetentionUseCase;
import io.ovpo.ports.in.UserDeletionUseCase;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.out.MetricsRecorder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.inject.Inject;
import javax.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of chapter 08: a retention run of every tenant each {@code
 * OVPO_RETENTION_INTERVAL_MINUTES} (the first {@link #FIRST_RUN_DELAY} after start, so a process
 * restarted often still runs it), and user deletions worked on every {@code
 * OVPO_RETENTION_DELETION_POLL_SECONDS}, which also resumes those a restart interrupted. Each timer
 * has its own thread, so a long run never delays a deletion. A failure is logged and counted; the
 * timers go on. Nothing starts when {@code OVPO_RETENTION_ENABLED} is false.
 */
@Singleton
public final class RetentionScheduler implements AutoCloseable {
  static final Duration FIRST_RUN_DELAY = Duration.ofMinutes(1);
  private static final Logger LOG = LoggerFactory.getLogger(RetentionScheduler.class);

  private final RetentionUseCase retention;
  private final UserDeletionUseCase deletions;
  private final MetricsRecorder metrics;
  private final RetentionConfig config;
  private ScheduledExecutorService timers;

  @Inject
  public RetentionScheduler(
      RetentionUseCase retention,
      UserDeletionUseCase deletions,
      MetricsRecorder metrics,
      RetentionConfig config) {
    this.retention = retention;
    this.deletions = deletions;
    this.metrics = metrics;
    this.config = config;
  }

  /** Starts both timers (unless disabled); a second call does nothing. */
  public synchronized void start() {
    if (timers != null || !config.enabled()) {
      return;
    }
    timers =
        Executors.newScheduledThreadPool(
            2,
            r -> {
              Thread t = new Thread(r, "ovpo-retention");
              t.setDaemon(true);
              return t;
            });
    long interval = config.interval().toMillis();
    long first = Math.min(FIRST_RUN_DELAY.toMillis(), interval);
    timers.scheduleWithFixedDelay(this::runRetention, first, interval, TimeUnit.MILLISECONDS);
    long poll = config.deletionPoll().toMillis();
    timers.scheduleWithFixedDelay(this::runDeletions, poll, poll, TimeUnit.MILLISECONDS);
  }

  /** Whether the timers run. */
  synchronized boolean running() {
    return timers != null;
  }

  /** One scheduled retention run of every tenant; never throws. */
  public List<RetentionReport> runRetention() {
    try {
      return retention.runScheduled();
    } catch (RuntimeException e) {
      metrics.increment("retention_failures_total", 1, "job", "retention");
      LOG.warn("retention run failed (finished by the next run): {}", e.toString());
      return List.of();
    }
  }

  /** Works on the user deletions for one batch budget; returns the traces deleted. */
  public int runDeletions() {
    try {
      return deletions.continueDeletions(config.settings().batchSize() * 20);
    } catch (RuntimeException e) {
      metrics.increment("retention_failures_total", 1, "job", "user_deletion");
      LOG.warn("user deletions interrupted (resumed next time): {}", e.toString());
      return 0;
    }
  }

  /** Stops the timers, letting work in progress finish its batch (up to 10 s). */
  @Override
  public synchronized void close() {
    if (timers == null) {
      return;
    }
    timers.shutdownNow(); // interrupts the pause between batches; a batch in flight completes
    try {
      timers.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    timers = null;
  }
}
