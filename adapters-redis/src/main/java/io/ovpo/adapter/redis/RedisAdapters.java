package io.ovpo.adapter.redis;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.HealthCheck;
import io.ovpo.ports.out.IdempotencyStore;
import io.ovpo.ports.out.RateLimiter;
import io.ovpo.ports.out.TraceViewCache;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The Redis-backed {@link RateLimiter}, {@link IdempotencyStore}, {@link DedupeStore} and {@link
 * TraceViewCache}, sharing one connection pool. Every instance pointed at the same Redis and key
 * prefix shares the same limits, claims and seen-sets, which is what lets several collectors and
 * processors run side by side.
 *
 * <p>When Redis cannot be reached, every call throws {@link
 * io.ovpo.ports.error.StoreUnavailableException} (the HTTP layer answers 503): requests are never
 * allowed, claimed or deduplicated on a guess. Needs Redis 7.0 or newer ({@code SET NX GET}, {@code
 * PEXPIRE GT}); {@link #check()} reports an older server as down.
 *
 * <pre>{@code
 * RedisAdapters redis = RedisAdapters.builder()
 *     .url("redis://:secret@redis:6379/0")   // rediss:// for TLS
 *     .keyPrefix("ovpo:")
 *     .poolSize(16)
 *     .build();                               // no I/O until the first call
 * }</pre>
 */
public final class RedisAdapters implements HealthCheck, AutoCloseable {
  private static final Pattern VERSION = Pattern.compile("(?m)^redis_version:(\\d+)\\.(\\d+)");
  private static final int MIN_MAJOR = 7;

  private final RedisConnection connection;
  private final RateLimiter rateLimiter;
  private final IdempotencyStore idempotency;
  private final DedupeStore dedupe;
  private final TraceViewCache viewCache;

  private RedisAdapters(Builder b, URI uri) {
    this.connection = new RedisConnection(uri, b.poolSize, b.timeout);
    RedisKeys keys = new RedisKeys(b.keyPrefix);
    this.rateLimiter = new RedisRateLimiter(connection, keys, b.clock, this);
    this.idempotency = new RedisIdempotencyStore(connection, keys, b.clock, this);
    this.dedupe = new RedisDedupeStore(connection, keys, b.clock, b.untrackedDedupePrefixes, this);
    this.viewCache = new RedisTraceViewCache(connection, keys, this);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Token buckets evaluated on the Redis server with its clock. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** Idempotency-Keys with atomic claims and stored receipts. */
  public IdempotencyStore idempotencyStore() {
    return idempotency;
  }

  /** The processor's seen-set of item keys. */
  public DedupeStore dedupeStore() {
    return dedupe;
  }

  /**
   * Trace details and list pages shared by every query and processor instance; invalidation is
   * atomic for all of them. Unlike the other ports, readers fall back to the stores when it fails.
   */
  public TraceViewCache traceViewCache() {
    return viewCache;
  }

  /** Up when Redis answers and is 7.0 or newer; never throws. */
  @Override
  public HealthStatus check() {
    try {
      String info = connection.call("health check", r -> r.info("server"));
      Matcher m = VERSION.matcher(info);
      if (!m.find()) {
        return HealthStatus.down(RedisConnection.BACKEND, "no redis_version in INFO server");
      }
      String version = m.group(1) + "." + m.group(2);
      if (Integer.parseInt(m.group(1)) < MIN_MAJOR) {
        return HealthStatus.down(
            RedisConnection.BACKEND, "Redis " + version + " is too old; 7.0 or newer is needed");
      }
      return new HealthStatus(RedisConnection.BACKEND, true, "redis " + version);
    } catch (RuntimeException e) {
      return HealthStatus.down(RedisConnection.BACKEND, String.valueOf(e.getMessage()));
    }
  }

  /** Closes the connection pool (opened by these adapters, never supplied). */
  @Override
  public void close() {
    connection.close();
  }

  /** Settings; nothing connects until the first call on a port. */
  public static final class Builder {
    private String url = "redis://127.0.0.1:6379";
    private String keyPrefix = "ovpo:";
    private int poolSize = 16;
    private Duration timeout = Duration.ofSeconds(2);
    private Clock clock = Clock.systemUTC();
    private List<String> untrackedDedupePrefixes = List.of();

    private Builder() {}

    /** {@code redis://[[user]:password@]host[:port][/db]}, or {@code rediss://} for TLS. */
    public Builder url(String url) {
      this.url = Objects.requireNonNull(url, "url");
      return this;
    }

    /**
     * Prepended to every key (default {@code ovpo:}); instances share state exactly when they share
     * Redis and prefix.
     */
    public Builder keyPrefix(String keyPrefix) {
      this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
      return this;
    }

    /** Most connections open at once (default 16); callers beyond it wait up to the timeout. */
    public Builder poolSize(int poolSize) {
      this.poolSize = poolSize;
      return this;
    }

    /** Connect and read timeout, also the longest wait for a pooled connection (default 2 s). */
    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Measures the TTLs of keys whose expiry the ports pass as instants (receipts, dedupe keys):
     * TTL = expiry − this clock's now. Rate limiting always uses Redis's own clock.
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Dedupe keys starting with one of these prefixes are never stored in Redis, and {@code seen}
     * never reports them: for item kinds too numerous for a 24 h window in memory whose store
     * already drops duplicates by id (frame events: first write wins). Default: none, so the store
     * keeps the whole {@link DedupeStore} contract.
     */
    public Builder untrackedDedupePrefixes(List<String> prefixes) {
      this.untrackedDedupePrefixes = List.copyOf(prefixes);
      return this;
    }

    /**
     * @throws IllegalArgumentException for an invalid URL, pool size, timeout or prefix
     */
    public RedisAdapters build() {
      URI uri;
      try {
        uri = URI.create(url);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("invalid Redis URL", e);
      }
      if (!JedisURIHelper.isValid(uri)
          || !(JedisURIHelper.isRedisScheme(uri) || JedisURIHelper.isRedisSSLScheme(uri))) {
        throw new IllegalArgumentException(
            "Redis URL must look like redis://host:port or rediss://host:port");
      }
      if (poolSize < 1) {
        throw new IllegalArgumentException("poolSize must be at least 1");
      }
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("timeout must be positive");
      }
      if (keyPrefix.length() > 64 || !keyPrefix.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
        throw new IllegalArgumentException("keyPrefix: at most 64 visible ASCII characters");
      }
      if (untrackedDedupePrefixes.stream().anyMatch(String::isEmpty)) {
        throw new IllegalArgumentException("an untracked dedupe prefix must not be empty");
      }
      return new RedisAdapters(this, uri);
    }
  }
}
