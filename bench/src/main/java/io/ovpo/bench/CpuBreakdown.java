package io.ovpo.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * CPU time of one harness phase split by who spent it: the collector's threads (Undertow's XNIO I/O
 * and worker threads), the load generator's (the HTTP client and the request pool), the queue
 * drain, and the rest of the process (GC, JIT compilers, VM; the process total minus the Java
 * threads). On a shared machine CPU time says far more than wall time.
 */
final class CpuBreakdown {
  private final ThreadMXBean mx = ManagementFactory.getThreadMXBean();
  private final Map<Long, Long> startByThread = new HashMap<>();
  private final long processStart;
  // CPU of the load generator's pool threads, which end before the phase is summed up.
  private final java.util.concurrent.atomic.AtomicLong endedClientNanos =
      new java.util.concurrent.atomic.AtomicLong();

  CpuBreakdown() {
    for (long id : mx.getAllThreadIds()) {
      startByThread.put(id, Math.max(0, mx.getThreadCpuTime(id)));
    }
    processStart = CpuCostProbe.processCpuNanos();
  }

  /** Threads for the load generator's request pool whose CPU is counted after they end. */
  java.util.concurrent.ThreadFactory clientThreads() {
    return task ->
        new Thread(
            () -> {
              try {
                task.run();
              } finally {
                endedClientNanos.addAndGet(mx.getCurrentThreadCpuTime());
              }
            },
            "bench-client");
  }

  /** Seconds of CPU per group since construction; other threads that ended are in "other". */
  Map<String, Double> seconds() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (String g : new String[] {"server", "client", "drain", "other"}) {
      out.put(g, 0.0);
    }
    double javaThreads = 0;
    for (ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
      if (info == null || info.getThreadName().equals("bench-client")) {
        continue; // ended (or ending) pool threads are counted by clientThreads()
      }
      long now = mx.getThreadCpuTime(info.getThreadId());
      if (now < 0) {
        continue;
      }
      double s = (now - startByThread.getOrDefault(info.getThreadId(), 0L)) / 1e9;
      javaThreads += s;
      out.merge(group(info.getThreadName()), s, Double::sum);
    }
    double ended = endedClientNanos.get() / 1e9;
    javaThreads += ended;
    out.merge("client", ended, Double::sum);
    double process = (CpuCostProbe.processCpuNanos() - processStart) / 1e9;
    out.merge("other", Math.max(0, process - javaThreads), Double::sum);
    out.put("process", process);
    return out;
  }

  /** One line: seconds and microseconds per item of each group. */
  String summary(String phase, long items) {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-10s cpu:", phase));
    seconds()
        .forEach(
            (g, s) ->
                sb.append(
                    String.format(
                        Locale.ROOT,
                        " %s=%.1fs(%.1fus/item)",
                        g,
                        s,
                        items == 0 ? 0 : s * 1e6 / items)));
    return sb.toString();
  }

  private static String group(String threadName) {
    if (threadName.startsWith("XNIO-")) {
      return "server";
    }
    if (threadName.startsWith("HttpClient-")) {
      return "client";
    }
    if (threadName.equals("bench-drain")) {
      return "drain";
    }
    return "other";
  }
}
