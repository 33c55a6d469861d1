package io.ovpo.app.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.wiring.RetentionConfig;
import io.ovpo.ports.in.RetentionUseCase;
import io.ovpo.ports.in.UserDeletionUseCase;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Tombstone;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class RetentionSchedulerTest {
  private static RetentionConfig config(Map<String, String> env) {
    return RetentionConfig.of(OvpoConfig.load(env));
  }

  private static RetentionUseCase retention(Supplier<List<RetentionReport>> scheduled) {
    return new RetentionUseCase() {
      @Override
      public RetentionReport runNow(Principal principal, RequestContext request) {
        throw new UnsupportedOperationException();
      }

      @Override
      public List<RetentionReport> runScheduled() {
        return scheduled.get();
      }
    };
  }

  private static UserDeletionUseCase deletions(IntUnaryOperator work) {
    return new UserDeletionUseCase() {
      @Override
      public Tombstone requestDeletion(
          Principal p, RequestContext r, TenantId t, String user, Optional<String> reason) {
        throw new UnsupportedOperationException();
      }

      @Override
      public Tombstone deletion(Principal principal, DeletionId deletionId) {
        throw new UnsupportedOperationException();
      }

      @Override
      public int continueDeletions(int maxTraces) {
        return work.applyAsInt(maxTraces);
      }
    };
  }

  @Test
  void failingRunsAndDeletions_areCounted_andDoNotThrow() {
    CountingMetrics metrics = new CountingMetrics();
    RetentionScheduler s =
        new RetentionScheduler(
            retention(
                () -> {
                  throw new IllegalStateException("store down");
                }),
            deletions(
                max -> {
                  throw new IllegalStateException("store down");
                }),
            metrics,
            config(Map.of()));

    assertThat(s.runRetention()).isEmpty();
    assertThat(s.runDeletions()).isZero();
    assertThat(metrics.count("retention_failures_total", "job", "retention")).isEqualTo(1);
    assertThat(metrics.count("retention_failures_total", "job", "user_deletion")).isEqualTo(1);
  }

  @Test
  void deletions_getABudgetOfTwentyBatches() {
    AtomicInteger budget = new AtomicInteger();
    RetentionScheduler s =
        new RetentionScheduler(
            retention(List::of),
            deletions(
                max -> {
                  budget.set(max);
                  return 7;
                }),
            new CountingMetrics(),
            config(Map.of("OVPO_RETENTION_BATCH_SIZE", "50")));

    assertThat(s.runDeletions()).isEqualTo(7);
    assertThat(budget.get()).isEqualTo(1000);
  }

  @Test
  void started_worksOnDeletionsOnItsOwnTimer_untilClosed() throws Exception {
    CountDownLatch twice = new CountDownLatch(2);
    RetentionScheduler s =
        new RetentionScheduler(
            retention(List::of),
            deletions(
                max -> {
                  twice.countDown();
                  return 0;
                }),
            new CountingMetrics(),
            config(Map.of("OVPO_RETENTION_DELETION_POLL_SECONDS", "1")));
    s.start();
    try {
      assertThat(twice.await(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      s.close();
    }
  }

  @Test
  void disabled_startsNoTimer() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    RetentionScheduler s =
        new RetentionScheduler(
            retention(List::of),
            deletions(max -> calls.incrementAndGet()),
            new CountingMetrics(),
            config(
                Map.of(
                    "OVPO_RETENTION_ENABLED",
                    "false",
                    "OVPO_RETENTION_DELETION_POLL_SECONDS",
                    "1")));
    s.start();
    assertThat(s.running()).isFalse();
    s.close();
    assertThat(calls.get()).isZero();
  }
}
