package io.ovpo.adapter.clickhouse;

import com.clickhouse.client.api.Client;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.FrameEventStore;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * OVPO's frame events and frame analytics on ClickHouse, over HTTP with the official Java client
 * and JSONEachRow, for servers from 18.16 (Debian's package) to current releases. Postgres (or
 * memory) stays the metadata store; only {@link FrameEventStore} and {@link FrameAnalyticsStore}
 * live here.
 *
 * <pre>{@code
 * ClickHouseStorage ch = ClickHouseStorage.builder()
 *     .url("http://clickhouse:8123").user("ovpo").password(secret).database("ovpo")
 *     .batchRows(10_000).linger(Duration.ofMillis(5))   // group commit of concurrent appends
 *     .compression(false)                               // 18.16's HTTP compression is broken
 *     .build();
 * ch.migrate();                 // at start-up: database, tables, rollup view (idempotent)
 * FrameEventStore events = ch.frameEvents();
 * }</pre>
 *
 * <p>Building does no I/O. Thread-safe. {@link #close()} flushes pending appends and closes the
 * HTTP client.
 */
public final class ClickHouseStorage implements AutoCloseable {
  private final Builder settings;
  private final ClickHouseHttp ch;
  private final InsertBatcher batcher;
  private final ClickHouseFrameEventStore events;
  private final ClickHouseFrameAnalyticsStore analytics;

  private ClickHouseStorage(Builder b) {
    this.settings = b;
    Client client =
        new Client.Builder()
            .addEndpoint(b.url)
            .setUsername(b.user)
            .setPassword(b.password)
            .setDefaultDatabase("default")
            .compressClientRequest(b.compression)
            .compressServerResponse(b.compression)
            .setConnectTimeout(5, ChronoUnit.SECONDS)
            .setSocketTimeout(b.timeout.toMillis(), ChronoUnit.MILLIS)
            .setClientName("ovpo")
            .build();
    long timeoutMs = b.timeout.toMillis();
    this.ch = new ClickHouseHttp(client, b.database, timeoutMs);
    this.batcher = new InsertBatcher(ch, b.batchRows, b.linger, timeoutMs);
    Mutations mutations = new Mutations(ch, b.database, b.mutationTimeout);
    this.events = new ClickHouseFrameEventStore(ch, batcher, mutations, b.clock, this::check);
    this.analytics = new ClickHouseFrameAnalyticsStore(ch, this::check);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Creates the database, tables and rollup view that are missing; returns how many migrations ran.
   */
  public int migrate() {
    return Schema.migrate(ch);
  }

  public FrameEventStore frameEvents() {
    return events;
  }

  public FrameAnalyticsStore frameAnalytics() {
    return analytics;
  }

  /** Up with the server version when a query succeeds; never throws. */
  public HealthStatus check() {
    try {
      return new HealthStatus(ClickHouseHttp.COMPONENT, true, "ok, version " + ch.version());
    } catch (RuntimeException e) {
      return HealthStatus.down(ClickHouseHttp.COMPONENT, String.valueOf(e.getMessage()));
    }
  }

  /** The HTTP door, for this module's tests and benchmark. */
  ClickHouseHttp http() {
    return ch;
  }

  /** The database this storage uses. */
  public String database() {
    return settings.database;
  }

  @Override
  public void close() {
    batcher.close();
    ch.close();
  }

  /** Connection and batching settings; defaults suit a local server. */
  public static final class Builder {
    private String url = "http://127.0.0.1:8123";
    private String user = "default";
    private String password = "";
    private String database = "ovpo";
    private boolean compression;
    private int batchRows = 10_000;
    private Duration linger = Duration.ofMillis(5);
    private Duration timeout = Duration.ofSeconds(60);
    private Duration mutationTimeout = Duration.ofMinutes(5);
    private Clock clock = Clock.systemUTC();

    private Builder() {}

    /** HTTP(S) endpoint, e.g. {@code http://127.0.0.1:8123} (the default). */
    public Builder url(String url) {
      URI uri = URI.create(Objects.requireNonNull(url, "url"));
      if (uri.getScheme() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))
          || uri.getHost() == null) {
        throw new IllegalArgumentException("ClickHouse URL must be http(s)://host:port: " + url);
      }
      this.url = url;
      return this;
    }

    public Builder user(String user) {
      this.user = Objects.requireNonNull(user, "user");
      return this;
    }

    public Builder password(String password) {
      this.password = Objects.requireNonNull(password, "password");
      return this;
    }

    /** Database name (default {@code ovpo}); created by {@link #migrate()} when missing. */
    public Builder database(String database) {
      Sql.identifier(Objects.requireNonNull(database, "database"));
      this.database = database;
      return this;
    }

    /** LZ4 on requests and responses (default off; 18.16's HTTP compression is broken). */
    public Builder compression(boolean on) {
      this.compression = on;
      return this;
    }

    /** Rows after which a group commit is written without waiting (default 10,000). */
    public Builder batchRows(int rows) {
      if (rows < 1) {
        throw new IllegalArgumentException("batchRows must be positive (was " + rows + ")");
      }
      this.batchRows = rows;
      return this;
    }

    /** How long the writer waits for more appends before writing (default 5 ms; 0 = never). */
    public Builder linger(Duration linger) {
      if (Objects.requireNonNull(linger, "linger").isNegative()) {
        throw new IllegalArgumentException("linger must not be negative");
      }
      this.linger = linger;
      return this;
    }

    /** Longest wait for one request or append (default 60 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = positive("timeout", timeout);
      return this;
    }

    /** Longest wait for a DELETE mutation to finish (default 5 min). */
    public Builder mutationTimeout(Duration timeout) {
      this.mutationTimeout = positive("mutationTimeout", timeout);
      return this;
    }

    /** Time for the version column, first write wins (default: system UTC). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public ClickHouseStorage build() {
      return new ClickHouseStorage(this);
    }

    private static Duration positive(String name, Duration d) {
      if (Objects.requireNonNull(d, name).isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + " must be positive");
      }
      return d;
    }
  }
}
