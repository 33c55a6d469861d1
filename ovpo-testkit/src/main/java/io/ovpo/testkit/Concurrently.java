package io.ovpo.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs tasks on many threads released at the same moment, so races on atomic operations (CAS,
 * claims, token buckets) actually happen in contract tests.
 */
public final class Concurrently {
  /** Generous bound so a deadlocked store fails the test instead of hanging the build. */
  private static final long TIMEOUT_SECONDS = 60;

  private Concurrently() {}

  /**
   * Runs {@code task.apply(i)} for i in 0..n-1 on n threads that start together.
   *
   * @return the results in index order
   * @throws AssertionError wrapping the first task failure or a timeout
   */
  public static <T> List<T> run(int n, IntFunction<T> task) {
    ExecutorService pool = Executors.newFixedThreadPool(n);
    try {
      CountDownLatch ready = new CountDownLatch(n);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  ready.countDown();
                  go.await();
                  return task.apply(index);
                }));
      }
      if (!ready.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new AssertionError("threads did not start");
      }
      go.countDown();
      List<T> results = new ArrayList<>(n);
      for (Future<T> f : futures) {
        results.add(f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS));
      }
      return results;
    } catch (ExecutionException e) {
      throw new AssertionError("a concurrent task failed: " + e.getCause(), e.getCause());
    } catch (Exception e) {
      throw new AssertionError("concurrent run did not finish: " + e, e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Runs {@code task.accept(i)} for i in 0..n-1 on n threads that start together. */
  public static void runAll(int n, java.util.function.IntConsumer task) {
    run(
        n,
        i -> {
          task.accept(i);
          return Boolean.TRUE;
        });
  }
}
