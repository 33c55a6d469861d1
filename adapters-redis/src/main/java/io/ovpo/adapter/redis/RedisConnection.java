package io.ovpo.adapter.redis;

import io.ovpo.ports.error.StoreUnavailableException;
import java.net.URI;
import java.time.Duration;
import java.util.function.Function;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.util.JedisURIHelper;

/**
 * The one pooled Jedis client the three stores share, opened on first use (never in a constructor).
 * Every Redis failure leaves here as {@link StoreUnavailableException}, so callers fail closed:
 * nothing is allowed, claimed or reported unseen on a guess.
 */
final class RedisConnection implements AutoCloseable {
  static final String BACKEND = "redis";

  private final URI uri;
  private final int poolSize;
  private final Duration timeout;
  private RedisClient client;
  private boolean closed;

  RedisConnection(URI uri, int poolSize, Duration timeout) {
    this.uri = uri;
    this.poolSize = poolSize;
    this.timeout = timeout;
  }

  /** Runs {@code op} on the client; a Jedis failure becomes {@link StoreUnavailableException}. */
  <T> T call(String what, Function<RedisClient, T> op) {
    try {
      return op.apply(client());
    } catch (JedisException e) {
      throw new StoreUnavailableException(BACKEND, what + " failed: " + e.getMessage(), e);
    }
  }

  private synchronized RedisClient client() {
    if (closed) {
      throw new StoreUnavailableException(BACKEND, "the Redis adapters are closed", null);
    }
    if (client == null) {
      int millis = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
      DefaultJedisClientConfig.Builder config =
          DefaultJedisClientConfig.builder()
              .connectionTimeoutMillis(millis)
              .socketTimeoutMillis(millis)
              .user(JedisURIHelper.getUser(uri))
              .password(JedisURIHelper.getPassword(uri))
              .database(JedisURIHelper.getDBIndex(uri))
              .ssl(JedisURIHelper.isRedisSSLScheme(uri))
              .clientName("ovpo");
      ConnectionPoolConfig pool = new ConnectionPoolConfig();
      pool.setMaxTotal(poolSize);
      pool.setMaxIdle(poolSize);
      pool.setMinIdle(0);
      // A starved pool must fail like an unreachable server, not hang a request.
      pool.setMaxWait(timeout);
      client =
          RedisClient.builder()
              .hostAndPort(JedisURIHelper.getHostAndPort(uri))
              .clientConfig(config.build())
              .poolConfig(pool)
              .build();
    }
    return client;
  }

  @Override
  public void close() {
    RedisClient c;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      c = client;
    }
    if (c != null) {
      c.close();
    }
  }
}
