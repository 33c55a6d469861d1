package io.ovpo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * CPU time per item of the benchmark's two paths, measured with CPU clocks rather than the wall
 * clock: on a machine shared with other work (the JMH scores then mostly measure the neighbours),
 * this says what one otherwise idle core would do. Warm-up and measurement are budgets of this
 * thread's CPU time, so a starved run still warms the JIT up fully. Reports the measuring thread's
 * CPU and the whole process's (user + sys, which adds GC and JIT threads). Not a replacement for
 * JMH; a cross-check. {@code java -cp ovpo-bench.jar io.ovpo.bench.CpuCostProbe [cpu-seconds]
 * [warm-up-cpu-seconds]}.
 */
public final class CpuCostProbe {
  private CpuCostProbe() {}

  public static void main(String[] args) {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
    int warmup = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    IngestPathBenchmark b = new IngestPathBenchmark();
    b.traces = 10;
    b.setUp();
    IngestPathBenchmark.Drain drain = new IngestPathBenchmark.Drain();
    drain.join(b);
    try {
      measure("decode", warmup, seconds / 2, b::decode);
      measure("validateAndEnqueue", warmup, seconds / 2, () -> b.validateAndEnqueue(drain));
    } finally {
      drain.leave();
      b.tearDown();
    }
  }

  private static void measure(String name, int warmupCpuSeconds, int cpuSeconds, Runnable op) {
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    long warmEnd = mx.getCurrentThreadCpuTime() + warmupCpuSeconds * 1_000_000_000L;
    while (mx.getCurrentThreadCpuTime() < warmEnd) {
      op.run();
    }
    long cpu0 = mx.getCurrentThreadCpuTime();
    long process0 = processCpuNanos();
    long wall0 = System.nanoTime();
    long end = cpu0 + cpuSeconds * 1_000_000_000L;
    long ops = 0;
    while (mx.getCurrentThreadCpuTime() < end) {
      op.run();
      ops++;
    }
    double cpuSec = (mx.getCurrentThreadCpuTime() - cpu0) / 1e9;
    double processSec = (processCpuNanos() - process0) / 1e9;
    double wallSec = (System.nanoTime() - wall0) / 1e9;
    long items = ops * IngestPathBenchmark.ITEMS;
    System.out.printf(
        Locale.ROOT,
        "%-20s items=%d wall=%.1fs thread_cpu=%.1fs process_cpu=%.1fs"
            + " thread_cpu_us_per_item=%.2f process_cpu_us_per_item=%.2f"
            + " items_per_thread_cpu_second=%.0f items_per_wall_second=%.0f%n",
        name,
        items,
        wallSec,
        cpuSec,
        processSec,
        cpuSec * 1e6 / items,
        processSec * 1e6 / items,
        items / cpuSec,
        items / wallSec);
  }

  static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }
}
