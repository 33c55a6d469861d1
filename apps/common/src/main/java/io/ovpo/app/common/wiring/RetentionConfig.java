package io.ovpo.app.common.wiring;

import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.core.retention.ManagedStorage;
import io.ovpo.core.service.RetentionSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code OVPO_RETENTION_*} settings, checked together: the engine's {@link RetentionSettings}
 * and the timers of the retention scheduler. The interval may not exceed 24 hours (spec 10,
 * retention_run_interval_hours).
 *
 * @param enabled whether this process runs the timers
 * @param interval time between scheduled retention runs
 * @param deletionPoll time between two looks for user deletions to work on
 */
public record RetentionConfig(
    boolean enabled, Duration interval, Duration deletionPoll, RetentionSettings settings) {
  public static final int MAX_INTERVAL_MINUTES = 24 * 60;

  /** Reads and checks the settings; every problem is reported at once. */
  public static RetentionConfig of(OvpoConfig config) {
    List<String> problems = new ArrayList<>();
    int interval = config.integer(Setting.RETENTION_INTERVAL_MINUTES);
    if (interval < 1 || interval > MAX_INTERVAL_MINUTES) {
      problems.add(Setting.RETENTION_INTERVAL_MINUTES.key() + " must be in 1..1440");
    }
    int batch = config.integer(Setting.RETENTION_BATCH_SIZE);
    if (batch < 1 || batch > 10_000) {
      problems.add(Setting.RETENTION_BATCH_SIZE.key() + " must be in 1..10000");
    }
    int pause = config.integer(Setting.RETENTION_BATCH_PAUSE_MS);
    if (pause < 0 || pause > 60_000) {
      problems.add(Setting.RETENTION_BATCH_PAUSE_MS.key() + " must be in 0..60000");
    }
    int poll = config.integer(Setting.RETENTION_DELETION_POLL_SECONDS);
    if (poll < 1 || poll > 3600) {
      problems.add(Setting.RETENTION_DELETION_POLL_SECONDS.key() + " must be in 1..3600");
    }
    Set<String> buckets =
        Arrays.stream(config.optional(Setting.RETENTION_MANAGED_BUCKETS).orElse("").split(","))
            .map(String::trim)
            .filter(b -> !b.isEmpty())
            .collect(Collectors.toSet());
    for (String b : buckets) {
      if (!b.matches("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]")) {
        problems.add(Setting.RETENTION_MANAGED_BUCKETS.key() + ": '" + b + "' is no bucket name");
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new RetentionConfig(
        config.bool(Setting.RETENTION_ENABLED),
        Duration.ofMinutes(interval),
        Duration.ofSeconds(poll),
        new RetentionSettings(batch, Duration.ofMillis(pause), new ManagedStorage(buckets)));
  }
}
