package io.ovpo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * CPU time per item of the benchmark's two paths, measured with the thread CPU clock rather than
 * the wall clock: on a machine shared with other work (the JMH scores then mostly measure the
 * neighbours), this says what one otherwise idle core would do. Not a replacement for JMH; a
 * cross-check. {@code java -cp ovpo-bench.jar io.ovpo.bench.CpuCostProbe [seconds]}.
 */
public final class CpuCostProbe {
  private CpuCostProbe() {}

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    IngestPathBenchmark b = new IngestPathBenchmark();
    b.traces = 10;
    b.setUp();
    IngestPathBenchmark.Drain drain = new IngestPathBenchmark.Drain();
    drain.join(b);
    try {
      measure("decode", seconds / 2, b::decode);
      measure("validateAndEnqueue", seconds / 2, () -> b.validateAndEnqueue(drain));
    } finally {
      drain.leave();
      b.tearDown();
    }
  }

  private static void measure(String name, int seconds, Runnable op) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long warmEnd = System.nanoTime() + 3_000_000_000L;
    while (System.nanoTime() < warmEnd) {
      op.run();
    }
    long cpu0 = mx.getCurrentThreadCpuTime();
    long wall0 = System.nanoTime();
    long end = wall0 + seconds * 1_000_000_000L;
    long ops = 0;
    while (System.nanoTime() < end) {
      op.run();
      ops++;
    }
    double cpuSec = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double wallSec = (System.nanoTime() - wall0) / 1e9;
    long items = ops * IngestPathBenchmark.ITEMS;
    System.out.printf(
        Locale.ROOT,
        "%-20s items=%d wall=%.1fs cpu=%.1fs cpu_us_per_item=%.2f items_per_cpu_second=%.0f"
            + " items_per_wall_second=%.0f%n",
        name,
        items,
        wallSec,
        cpuSec,
        cpuSec * 1e6 / items,
        items / cpuSec,
        items / wallSec);
  }
}
