package io.ovpo.app.processor;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileSchedulerTest {
  @Test
  void runOnce_takesFurtherBatches_whileABatchComesBackFull() {
    ArrayDeque<Integer> answers = new ArrayDeque<>(List.of(500, 500, 3, 99));
    CountingMetrics metrics = new CountingMetrics();
    ReconcileScheduler s =
        new ReconcileScheduler(max -> answers.poll(), metrics, Duration.ofSeconds(1));

    assertThat(s.runOnce()).isEqualTo(1003);
    assertThat(answers).containsExactly(99);
  }

  @Test
  void runOnce_stopsAfterTheBatchCap_soOneRunCannotStarveTheNext() {
    ReconcileScheduler s =
        new ReconcileScheduler(max -> max, new CountingMetrics(), Duration.ofSeconds(1));
    assertThat(s.runOnce())
        .isEqualTo(ReconcileScheduler.BATCH * ReconcileScheduler.MAX_BATCHES_PER_RUN);
  }

  @Test
  void aFailingRun_isCounted_andDoesNotThrow() {
    CountingMetrics metrics = new CountingMetrics();
    ReconcileScheduler s =
        new ReconcileScheduler(
            max -> {
              throw new IllegalStateException("store down");
            },
            metrics,
            Duration.ofSeconds(1));

    assertThat(s.runOnce()).isZero();
    assertThat(metrics.count("reconcile_failures_total")).isEqualTo(1);
  }
}
