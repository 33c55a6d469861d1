package io.ovpo.adapter.nats;

import io.nats.client.Connection;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A NATS server with JetStream for integration tests, found or started once per JVM: {@code
 * OVPO_TEST_NATS_URL} if set; else {@code nats://127.0.0.1:4222} if something listens there; else
 * {@code nats-server -js} on a free port with a temporary store directory, when {@code nats-server}
 * is on the PATH (stopped when the JVM exits). Otherwise tests fail with a message saying how to
 * provide one. Outside JUnit, call {@link #url()}.
 */
@SuppressWarnings("try") // jnats Connection.close() declares InterruptedException
public final class NatsServerExtension implements BeforeAllCallback {
  private static final String DEFAULT_URL = "nats://127.0.0.1:4222";
  private static String url;

  @Override
  public void beforeAll(ExtensionContext context) {
    url();
  }

  /** The URL of a reachable JetStream-enabled server. */
  public static synchronized String url() {
    if (url == null) {
      url = verified(locate());
    }
    return url;
  }

  private static String locate() {
    String configured = System.getenv("OVPO_TEST_NATS_URL");
    if (configured != null && !configured.isBlank()) {
      if (!reachable(configured)) {
        throw new ExtensionConfigurationException(
            "OVPO_TEST_NATS_URL=" + configured + " is not reachable");
      }
      return configured;
    }
    if (reachable(DEFAULT_URL)) {
      return DEFAULT_URL;
    }
    return start();
  }

  private static String verified(String candidate) {
    Options options =
        new Options.Builder().server(candidate).connectionTimeout(Duration.ofSeconds(5)).build();
    try (Connection c = Nats.connect(options)) {
      if (!c.getServerInfo().isJetStreamAvailable()) {
        throw new ExtensionConfigurationException(
            "the NATS server at " + candidate + " runs without JetStream; start it with -js");
      }
      return candidate;
    } catch (IOException e) {
      throw new ExtensionConfigurationException("cannot connect to NATS at " + candidate, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExtensionConfigurationException("interrupted", e);
    }
  }

  private static String start() {
    String binary = onPath("nats-server");
    if (binary == null) {
      throw new ExtensionConfigurationException(
          "no NATS server: set OVPO_TEST_NATS_URL, run `nats-server -js` on 127.0.0.1:4222,"
              + " or install nats-server so the tests can start one");
    }
    try {
      int port = freePort();
      Path store = Files.createTempDirectory("ovpo-nats-");
      Process process =
          new ProcessBuilder(
                  List.of(
                      binary,
                      "-js",
                      "-a",
                      "127.0.0.1",
                      "-p",
                      Integer.toString(port),
                      "-sd",
                      store.toString()))
              .redirectErrorStream(true)
              .redirectOutput(store.resolve("server.log").toFile())
              .start();
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    process.destroy();
                    deleteQuietly(store);
                  }));
      String started = "nats://127.0.0.1:" + port;
      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (!reachable(started)) {
        if (!process.isAlive() || System.nanoTime() > deadline) {
          throw new ExtensionConfigurationException(
              "nats-server did not start; see " + store.resolve("server.log"));
        }
        Thread.sleep(50);
      }
      return started;
    } catch (IOException e) {
      throw new ExtensionConfigurationException("cannot start nats-server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ExtensionConfigurationException("interrupted starting nats-server", e);
    }
  }

  private static boolean reachable(String natsUrl) {
    URI uri = URI.create(natsUrl.split(",")[0].trim());
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 4222 : uri.getPort()), 500);
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

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp directory; the OS cleans it eventually
    }
  }
}
