package io.ovpo.app.common.config;

import java.util.List;
import java.util.Optional;

/**
 * Every configuration variable OVPO reads, with its default and meaning. The configuration
 * reference in docs/ is generated from (and tested against) this list, so it cannot drift.
 */
public enum Setting {
  CONFIG_FILE(
      "OVPO_CONFIG_FILE",
      "",
      SettingKind.OPTIONAL,
      false,
      "Properties file with OVPO_* keys; environment variables override it."),
  PORT("OVPO_PORT", "8080", SettingKind.INT, false, "HTTP port (0 picks a free port)."),
  BIND_HOST(
      "OVPO_BIND_HOST", "0.0.0.0", SettingKind.STRING, false, "Address the HTTP server binds."),
  PUBLIC_URL(
      "OVPO_PUBLIC_URL",
      "",
      SettingKind.OPTIONAL,
      false,
      "Base URL clients reach this server at (signed artifact links); default http://localhost:<port>."),
  STORE(
      "OVPO_STORE",
      "memory",
      SettingKind.CHOICE,
      false,
      "Metadata store: memory | postgres.",
      "memory",
      "postgres"),
  EVENT_STORE(
      "OVPO_EVENT_STORE",
      "",
      SettingKind.OPTIONAL,
      false,
      "Frame-event store: memory | postgres | clickhouse; default follows OVPO_STORE."),
  QUEUE(
      "OVPO_QUEUE",
      "memory",
      SettingKind.CHOICE,
      false,
      "Ingest queue: memory | nats | kafka.",
      "memory",
      "nats",
      "kafka"),
  REDIS_URL(
      "OVPO_REDIS_URL",
      "",
      SettingKind.OPTIONAL,
      true,
      "When set, rate limits, idempotency, dedupe and the view cache use this Redis (redis://host:port)."),
  CACHE(
      "OVPO_CACHE",
      "auto",
      SettingKind.CHOICE,
      false,
      "Trace detail and list-page cache: auto | redis | local | off. auto: redis when OVPO_REDIS_URL"
          + " is set, local when OVPO_STORE=memory, else off; local only where one process runs"
          + " both processor and query API.",
      "auto",
      "redis",
      "local",
      "off"),
  CACHE_DETAIL_TTL_MS(
      "OVPO_CACHE_DETAIL_TTL_MS",
      "3000",
      SettingKind.INT,
      false,
      "Lifetime of a cached trace detail, ms (1..60000); every write of the trace drops it at once."),
  CACHE_LIST_TTL_MS(
      "OVPO_CACHE_LIST_TTL_MS",
      "3000",
      SettingKind.INT,
      false,
      "Lifetime of a cached trace-list page, ms (1..60000); every trace record write drops them."),
  CACHE_MAX_VALUE_BYTES(
      "OVPO_CACHE_MAX_VALUE_BYTES",
      "1048576",
      SettingKind.INT,
      false,
      "Views encoding to more bytes than this are served but not cached."),
  CACHE_LOCAL_MAX_MB(
      "OVPO_CACHE_LOCAL_MAX_MB",
      "64",
      SettingKind.INT,
      false,
      "local cache: MiB of views kept in this process, least recently used dropped first."),
  PG_URL(
      "OVPO_PG_URL",
      "jdbc:postgresql://127.0.0.1:5432/ovpo",
      SettingKind.STRING,
      false,
      "PostgreSQL JDBC URL."),
  PG_USER("OVPO_PG_USER", "ovpo", SettingKind.STRING, false, "PostgreSQL user."),
  PG_PASSWORD("OVPO_PG_PASSWORD", "", SettingKind.OPTIONAL, true, "PostgreSQL password."),
  PG_POOL_SIZE(
      "OVPO_PG_POOL_SIZE", "10", SettingKind.INT, false, "PostgreSQL connection pool size."),
  NATS_URL("OVPO_NATS_URL", "nats://127.0.0.1:4222", SettingKind.STRING, false, "NATS server URL."),
  NATS_STREAM(
      "OVPO_NATS_STREAM", "OVPO_INGEST", SettingKind.STRING, false, "JetStream stream name."),
  NATS_SUBJECT_PREFIX(
      "OVPO_NATS_SUBJECT_PREFIX",
      "ovpo.ingest",
      SettingKind.STRING,
      false,
      "JetStream subjects <prefix>.<partition>; two streams on one server need different ones."),
  KAFKA_BOOTSTRAP_SERVERS(
      "OVPO_KAFKA_BOOTSTRAP_SERVERS",
      "127.0.0.1:9092",
      SettingKind.STRING,
      false,
      "Kafka bootstrap servers."),
  KAFKA_TOPIC("OVPO_KAFKA_TOPIC", "ovpo.ingest", SettingKind.STRING, false, "Kafka ingest topic."),
  QUEUE_ACK_WAIT(
      "OVPO_QUEUE_ACK_WAIT_SECONDS",
      "30",
      SettingKind.INT,
      false,
      "nats | kafka queue: seconds before an unacknowledged envelope is redelivered; also about how"
          + " long a killed processor's partitions wait before another takes them over (Kafka: at"
          + " least 6)."),
  CLICKHOUSE_URL(
      "OVPO_CLICKHOUSE_URL",
      "http://127.0.0.1:8123",
      SettingKind.STRING,
      false,
      "ClickHouse HTTP URL."),
  CLICKHOUSE_USER("OVPO_CLICKHOUSE_USER", "default", SettingKind.STRING, false, "ClickHouse user."),
  CLICKHOUSE_PASSWORD(
      "OVPO_CLICKHOUSE_PASSWORD", "", SettingKind.OPTIONAL, true, "ClickHouse password."),
  CLICKHOUSE_DATABASE(
      "OVPO_CLICKHOUSE_DATABASE", "ovpo", SettingKind.STRING, false, "ClickHouse database."),
  CLICKHOUSE_COMPRESSION(
      "OVPO_CLICKHOUSE_COMPRESSION",
      "false",
      SettingKind.BOOL,
      false,
      "LZ4 on ClickHouse HTTP requests and answers; keep false for 18.16, whose is broken."),
  BOOTSTRAP_API_KEY(
      "OVPO_BOOTSTRAP_API_KEY",
      "",
      SettingKind.OPTIONAL,
      true,
      "super_admin key created at start if absent; without it a key is generated and printed once."),
  BOOTSTRAP_TENANT(
      "OVPO_BOOTSTRAP_TENANT",
      "default",
      SettingKind.STRING,
      false,
      "Tenant of the bootstrap key."),
  BOOTSTRAP_TIER(
      "OVPO_BOOTSTRAP_TIER",
      "default",
      SettingKind.STRING,
      false,
      "Rate-limit tier of the bootstrap tenant (default | unlimited | a tier of OVPO_RATE_TIERS)."),
  RATE_TIERS(
      "OVPO_RATE_TIERS",
      "",
      SettingKind.OPTIONAL,
      false,
      "Extra ingest tiers, e.g. pro:1000/10s,enterprise:5000/10s (burst/refill period)."),
  QUERY_RATE(
      "OVPO_QUERY_RATE",
      "100/60s",
      SettingKind.STRING,
      false,
      "Query API limit per tenant (burst/period)."),
  CURSOR_SECRET(
      "OVPO_CURSOR_SECRET",
      "",
      SettingKind.OPTIONAL,
      true,
      "HMAC secret for pagination cursors (>= 32 chars); random per process when unset."),
  SIGNING_SECRET(
      "OVPO_SIGNING_SECRET",
      "",
      SettingKind.OPTIONAL,
      true,
      "HMAC secret for signed artifact links (>= 32 chars); random per process when unset."),
  HARDWARE_PROFILE_FILE(
      "OVPO_HARDWARE_PROFILE_FILE",
      "",
      SettingKind.OPTIONAL,
      false,
      "Properties file with an extra hardware profile for compute units."),
  PROCESSOR_WORKERS(
      "OVPO_PROCESSOR_WORKERS", "2", SettingKind.INT, false, "Processor worker threads."),
  MAX_TRACES(
      "OVPO_MEMORY_MAX_TRACES",
      "200000",
      SettingKind.INT,
      false,
      "In-memory store: traces kept before the oldest are evicted (counted)."),
  MAX_EVENTS(
      "OVPO_MEMORY_MAX_EVENTS",
      "5000000",
      SettingKind.INT,
      false,
      "In-memory store: frame events kept before the oldest are evicted (counted)."),
  RETENTION_ENABLED(
      "OVPO_RETENTION_ENABLED",
      "true",
      SettingKind.BOOL,
      false,
      "Run retention for every tenant on a timer, and work on user deletions, in this process."),
  RETENTION_INTERVAL_MINUTES(
      "OVPO_RETENTION_INTERVAL_MINUTES",
      "1440",
      SettingKind.INT,
      false,
      "Minutes between scheduled retention runs (1..1440); the first starts within a minute."),
  RETENTION_BATCH_SIZE(
      "OVPO_RETENTION_BATCH_SIZE",
      "500",
      SettingKind.INT,
      false,
      "Traces (or artifacts) deleted per batch by retention and user deletion (1..10000)."),
  RETENTION_BATCH_PAUSE_MS(
      "OVPO_RETENTION_BATCH_PAUSE_MS",
      "20",
      SettingKind.INT,
      false,
      "Pause between two deletion batches, leaving the stores to ingest meanwhile."),
  RETENTION_DELETION_POLL_SECONDS(
      "OVPO_RETENTION_DELETION_POLL_SECONDS",
      "5",
      SettingKind.INT,
      false,
      "Seconds between two looks for user deletions to work on (requested or interrupted)."),
  RETENTION_MANAGED_BUCKETS(
      "OVPO_RETENTION_MANAGED_BUCKETS",
      "",
      SettingKind.OPTIONAL,
      false,
      "Comma-separated S3 buckets whose artifact objects OVPO deletes (ovpo:// always is)."),
  DEMO(
      "OVPO_DEMO",
      "false",
      SettingKind.BOOL,
      false,
      "Run the demo pipeline against this server at start."),
  LOG_FORMAT(
      "OVPO_LOG_FORMAT",
      "json",
      SettingKind.CHOICE,
      false,
      "Log format: json | text.",
      "json",
      "text");

  private final String key;
  private final String defaultValue;
  private final SettingKind kind;
  private final boolean secret;
  private final String description;
  private final List<String> choices;

  Setting(
      String key,
      String defaultValue,
      SettingKind kind,
      boolean secret,
      String description,
      String... choices) {
    this.key = key;
    this.defaultValue = defaultValue;
    this.kind = kind;
    this.secret = secret;
    this.description = description;
    this.choices = List.of(choices);
  }

  public String key() {
    return key;
  }

  public String defaultValue() {
    return defaultValue;
  }

  SettingKind kind() {
    return kind;
  }

  /** Secrets are never printed; the start-up dump shows them as {@code ****}. */
  public boolean secret() {
    return secret;
  }

  public String description() {
    return description;
  }

  public List<String> choices() {
    return choices;
  }

  public static Optional<Setting> byKey(String key) {
    for (Setting s : values()) {
      if (s.key.equals(key)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
