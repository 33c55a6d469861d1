package io.ovpo.app.common.wiring;

import io.ovpo.adapter.clickhouse.ClickHouseStorage;
import io.ovpo.adapter.kafka.KafkaIngestQueue;
import io.ovpo.adapter.nats.NatsIngestQueue;
import io.ovpo.adapter.postgres.PostgresStorage;
import io.ovpo.adapter.redis.RedisAdapters;
import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Replaces in-memory ports by the backends the configuration names. Each backend family lands with
 * its adapter module; a name the build does not support yet is a configuration error.
 */
final class BackendSelection {
  private static final Duration KAFKA_MIN_SESSION = Duration.ofSeconds(6);

  private BackendSelection() {}

  static void apply(OvpoConfig config, Clock clock, Backends b) {
    List<String> problems = new ArrayList<>();
    if (config.store().equals("postgres")) {
      PostgresStorage.Builder pb =
          PostgresStorage.builder()
              .jdbcUrl(config.string(Setting.PG_URL))
              .user(config.string(Setting.PG_USER))
              .poolSize(Math.max(1, config.integer(Setting.PG_POOL_SIZE)))
              .clock(clock);
      config.optional(Setting.PG_PASSWORD).ifPresent(pb::password);
      PostgresStorage pg = pb.build();
      pg.migrate(); // versioned Flyway migrations; a no-op when the schema is current
      b.traces = pg.traces();
      b.spans = pg.spans();
      b.artifacts = pg.artifacts();
      b.tenants = pg.tenants();
      b.apiKeys = pg.apiKeys();
      b.idempotency = pg.idempotency();
      b.dedupe = pg.dedupe();
      b.audit = pg.auditLog();
      b.tombstones = pg.tombstones();
      b.retentionRuns = pg.retentionRuns();
      b.reconciliation = pg.reconciliation();
      if (config.eventStore().equals("postgres")) {
        b.events = pg.frameEvents();
        b.frameAnalytics = pg.frameAnalytics();
      }
      b.register("postgres", pg::check, pg::close);
    }
    if (config.eventStore().equals("clickhouse")) {
      try {
        ClickHouseStorage ch =
            ClickHouseStorage.builder()
                .url(config.string(Setting.CLICKHOUSE_URL))
                .user(config.string(Setting.CLICKHOUSE_USER))
                .password(config.optional(Setting.CLICKHOUSE_PASSWORD).orElse(""))
                .database(config.string(Setting.CLICKHOUSE_DATABASE))
                .compression(config.bool(Setting.CLICKHOUSE_COMPRESSION))
                .clock(clock)
                .build();
        ch.migrate(); // database, tables and rollup view; a no-op when current
        b.events = ch.frameEvents();
        b.frameAnalytics = ch.frameAnalytics();
        b.register("clickhouse", ch::check, ch);
      } catch (IllegalArgumentException e) {
        problems.add("OVPO_CLICKHOUSE_*: " + e.getMessage());
      }
    } else if (config.eventStore().equals("postgres") && !config.store().equals("postgres")) {
      problems.add("OVPO_EVENT_STORE=" + config.eventStore() + " is not available in this build");
    }
    Duration ackWait = Duration.ofSeconds(Math.max(1, config.integer(Setting.QUEUE_ACK_WAIT)));
    switch (config.queue()) {
      case "nats" -> {
        NatsIngestQueue q =
            NatsIngestQueue.builder().url(config.string(Setting.NATS_URL)).stream(
                    config.string(Setting.NATS_STREAM))
                .subjectPrefix(config.string(Setting.NATS_SUBJECT_PREFIX))
                .ackWait(ackWait)
                .clock(clock)
                .build();
        b.queue = q;
        b.register("nats", q, q);
      }
      case "kafka" -> {
        KafkaIngestQueue q =
            KafkaIngestQueue.builder()
                .bootstrapServers(config.string(Setting.KAFKA_BOOTSTRAP_SERVERS))
                .topic(config.string(Setting.KAFKA_TOPIC))
                .ackWait(ackWait)
                // a dead member is noticed after this; the broker's minimum is 6 s by default
                .sessionTimeout(
                    ackWait.compareTo(KAFKA_MIN_SESSION) < 0 ? KAFKA_MIN_SESSION : ackWait)
                .clock(clock)
                .build();
        b.queue = q;
        b.register("kafka", q, q);
      }
      default -> {}
    }
    Optional<String> redisUrl = config.optional(Setting.REDIS_URL);
    if (redisUrl.isPresent()) {
      try {
        RedisAdapters redis =
            RedisAdapters.builder()
                .url(redisUrl.get())
                .clock(clock)
                // Frame events ("e:" keys of core's DedupeKeys) are kept first-write-wins by
                // event_id in their store; a 24 h Redis window for them would not fit in memory
                // (spec 04, "Redis-backed deployments").
                .untrackedDedupePrefixes(List.of("e:"))
                .build();
        b.rateLimiter = redis.rateLimiter();
        b.idempotency = redis.idempotencyStore();
        b.dedupe = redis.dedupeStore();
        b.redisViewCache = Optional.of(redis.traceViewCache());
        b.register("redis", redis, redis);
      } catch (IllegalArgumentException e) {
        problems.add("OVPO_REDIS_URL: " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }
}
