package io.ovpo.compliance.it;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A NATS JetStream server for one compliance run. Preferred: {@code nats-server -js} started on a
 * free port with a temporary store, so the run's stream, consumers and envelopes are its own.
 * Without the binary: {@code OVPO_TEST_NATS_URL}, else {@code nats://127.0.0.1:4222}, with a stream
 * name of the run's own (the subjects are the server's fixed {@code ovpo.ingest.*}, so that works
 * only where no other OVPO stream holds them).
 */
final class NatsForRun implements AutoCloseable {
  private final String url;
  private final String stream;
  private final Process process;
  private final Path store;

  private NatsForRun(String url, String stream, Process process, Path store) {
    this.url = url;
    this.stream = stream;
    this.process = process;
    this.store = store;
  }

  static NatsForRun start(String runId) throws Exception {
    String binary = onPath("nats-server");
    String stream = "OVPO_CMP_" + runId.toUpperCase(java.util.Locale.ROOT);
    if (binary == null) {
      String configured = System.getenv("OVPO_TEST_NATS_URL");
      String external =
          configured == null || configured.isBlank() ? "nats://127.0.0.1:4222" : configured;
      if (!reachable(external, Duration.ofMillis(500))) {
        throw new IllegalStateException("no nats-server on the PATH and no NATS at " + external);
      }
      return new NatsForRun(external, stream, null, null);
    }
    int port = ServerJar.freePort();
    Path store = Files.createTempDirectory("ovpo-compliance-nats-");
    Process p =
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
    Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
    String url = "nats://127.0.0.1:" + port;
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (!reachable(url, Duration.ofMillis(200))) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "nats-server did not start; see " + store.resolve("server.log"));
      }
      Thread.sleep(50);
    }
    return new NatsForRun(url, stream, p, store);
  }

  String url() {
    return url;
  }

  String stream() {
    return stream;
  }

  @Override
  public void close() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
      try (Stream<Path> paths = Files.walk(store)) {
        paths.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory: the OS cleans it eventually
      }
    }
  }

  private static boolean reachable(String natsUrl, Duration timeout) {
    URI uri = URI.create(natsUrl.split(",")[0].trim());
    try (Socket s = new Socket()) {
      s.connect(
          new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 4222 : uri.getPort()),
          (int) timeout.toMillis());
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
}
