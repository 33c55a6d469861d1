package io.ovpo.adapter.redis;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * A Redis for integration tests, found or started once per JVM: {@code OVPO_TEST_REDIS_URL} if set;
 * else {@code redis://127.0.0.1:6379} if something listens there; else {@code redis-server} on a
 * free port without persistence, when it is on the PATH (stopped when the JVM exits). Otherwise
 * tests fail with a message saying how to provide one. Tests keep to their own key prefix ({@link
 * #uniquePrefix()}) and delete it afterwards ({@link #deleteKeys(String)}).
 */
public final class RedisExtension implements BeforeAllCallback {
  private static final String DEFAULT_URL = "redis://127.0.0.1:6379";
  private static String url;

  @Override
  public void beforeAll(ExtensionContext context) {
    url();
  }

  /** The URL of a reachable Redis. */
  public static synchronized String url() {
    if (url == null) {
      url = locate();
    }
    return url;
  }

  /** A key prefix no other test run uses. */
  public static String uniquePrefix() {
    return "ovpo-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
  }

  /** Deletes every key under {@code prefix}. */
  public static void deleteKeys(String prefix) {
    try (RedisClient redis = RedisClient.create(URI.create(url()))) {
      ScanParams match = new ScanParams().match(prefix + "*").count(1_000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = redis.scan(cursor, match);
        if (!page.getResult().isEmpty()) {
          redis.unlink(page.getResult().toArray(String[]::new));
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
  }

  private static String locate() {
    String configured = System.getenv("OVPO_TEST_REDIS_URL");
    if (configured != null && !configured.isBlank()) {
      if (!reachable(configured)) {
        throw new ExtensionConfigurationException(
            "OVPO_TEST_REDIS_URL="
                + configured.replaceAll("//[^@/]*@", "//****@")
                + " is not reachable");
      }
      return configured;
    }
    if (reachable(DEFAULT_URL)) {
      return DEFAULT_URL;
    }
    return start();
  }

  private static String start() {
    String binary = onPath("redis-server");
    if (binary == null) {
      throw new ExtensionConfigurationException(
          "no Redis: set OVPO_TEST_REDIS_URL, run Redis 7+ on 127.0.0.1:6379,"
              + " or install redis-server so the tests can start one");
    }
    try {
      int port = freePort();
      Path dir = Files.createTempDirectory("ovpo-redis-");
      List<String> command = new ArrayList<>();
      command.addAll(List.of(binary, "--port", Integer.toString(port), "--bind", "127.0.0.1"));
      command.addAll(List.of("--save", "", "--appendonly", "no", "--dir", dir.toString()));
      Path log = dir.resolve("server.log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    process.destroy();
                    log.toFile().delete();
                    dir.toFile().delete();
                  }));
      String started = "redis://127.0.0.1:" + port;
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!reachable(started)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new ExtensionConfigurationException("redis-server did not start; see " + log);
        }
        Thread.sleep(50);
      }
      return started;
    } catch (IOException e) {
      throw new ExtensionConfigurationException("cannot start redis-server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExtensionConfigurationException("interrupted starting redis-server", e);
    }
  }

  private static boolean reachable(String redisUrl) {
    URI uri = URI.create(redisUrl);
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort()), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static String onPath(String name) {
    String path = System.getenv("PATH");
    if (path == null) {
      return null;
    }
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, name);
      if (f.canExecute()) {
        return f.getPath();
      }
    }
    return null;
  }

  /** A port nothing listens on right now. */
  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
