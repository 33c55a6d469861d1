package io.ovpo.examples.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the demo jobs against an OVPO server over its public HTTP API: three successful jobs and one
 * of each failure scenario (OOM, timeout, missing frames → PARTIAL).
 *
 * <pre>
 * java -cp ovpo-demo-pipeline.jar io.ovpo.examples.demo.DemoPipeline http://localhost:8080 ovpo_xxx_yyy
 * </pre>
 */
public final class DemoPipeline {
  private DemoPipeline() {}

  /** The default demo set, reproducible from {@code seed}. */
  public static List<DemoJob> defaultJobs(long seed) {
    return List.of(
        DemoJob.of(seed, Scenario.OK),
        DemoJob.of(seed + 1, Scenario.OK),
        DemoJob.of(seed + 2, Scenario.OK),
        DemoJob.of(seed + 3, Scenario.OOM),
        DemoJob.of(seed + 4, Scenario.TIMEOUT),
        DemoJob.of(seed + 5, Scenario.MISSING_FRAMES));
  }

  /**
   * Sends every job's batches; returns trace id → scenario, in job order.
   *
   * @param now jobs are laid out in the recent past of this instant
   */
  public static Map<String, Scenario> run(DemoClient client, List<DemoJob> jobs, Instant now)
      throws IOException, InterruptedException {
    Map<String, Scenario> out = new LinkedHashMap<>();
    Instant start = now.minus(Duration.ofMinutes(10L + 2L * jobs.size()));
    for (DemoJob job : jobs) {
      FakeVideoPipeline p = new FakeVideoPipeline(job, start);
      List<ObjectNode> batches = p.batches();
      for (int i = 0; i < batches.size(); i++) {
        client.send(batches.get(i), "demo-" + p.traceId() + "-" + i);
      }
      out.put(p.traceId(), job.scenario());
      start = start.plus(Duration.ofMinutes(2));
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 2) {
      System.err.println("usage: DemoPipeline <base-url> <api-key> [seed]");
      System.exit(2);
    }
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42L;
    Map<String, Scenario> traces =
        run(new DemoClient(args[0], args[1]), defaultJobs(seed), Instant.now());
    List<String> lines = new ArrayList<>();
    traces.forEach((id, s) -> lines.add(s + "\t" + id));
    System.out.println(String.join("\n", lines));
  }
}
