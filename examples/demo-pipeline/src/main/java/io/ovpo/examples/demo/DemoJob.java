package io.ovpo.examples.demo;

import java.util.Locale;

/**
 * One fake generation job.
 *
 * @param seed makes every id, timing and score reproducible
 * @param frames output frames (24 to 120 is typical for the demo)
 */
public record DemoJob(
    long seed, Scenario scenario, int frames, int steps, String model, String project) {
  public DemoJob {
    if (frames < 1 || frames > 10_000) {
      throw new IllegalArgumentException("frames must be 1..10000");
    }
    if (steps < 1 || steps > 200) {
      throw new IllegalArgumentException("steps must be 1..200");
    }
  }

  public static DemoJob of(long seed, Scenario scenario) {
    return new DemoJob(
        seed,
        scenario,
        24 + (int) Math.floorMod(seed * 37, 97),
        20,
        "open-sora",
        "demo-" + scenario.name().toLowerCase(Locale.ROOT));
  }
}
