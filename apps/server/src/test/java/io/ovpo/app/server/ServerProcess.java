package io.ovpo.app.server;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar ovpo-server.jar} as a child process on a free port, its output captured in a
 * file. Inherited {@code OVPO_*} variables are dropped, so only the given configuration counts.
 */
final class ServerProcess implements AutoCloseable {
  private final Process process;
  private final Path output;
  private final int port;

  private ServerProcess(Process process, Path output, int port) {
    this.process = process;
    this.output = output;
    this.port = port;
  }

  static ServerProcess start(Path jar, Map<String, String> settings) throws IOException {
    int port = freePort();
    Path output = Files.createTempFile(Path.of("target").toAbsolutePath(), "e2e-server-", ".log");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(java.toString(), "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(output.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OVPO_"));
    pb.environment().putAll(settings);
    pb.environment().put("OVPO_PORT", Integer.toString(port));
    pb.environment().put("OVPO_BIND_HOST", "127.0.0.1");
    return new ServerProcess(pb.start(), output, port);
  }

  int port() {
    return port;
  }

  /** The exit status, once the process ended by itself within {@code timeout}. */
  java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
    if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      return java.util.OptionalInt.of(process.exitValue());
    }
    return java.util.OptionalInt.empty();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }

  /**
   * SIGTERM (the JVM runs the server's graceful shutdown), then a hard kill if it has not exited
   * within {@code grace}.
   *
   * @return true when it exited by itself within {@code grace}
   */
  boolean stop(Duration grace) throws InterruptedException {
    process.destroy();
    if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
      return true;
    }
    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    return false;
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive()) {
      stop(Duration.ofSeconds(20));
    }
  }

  /** A port that was free a moment ago (the server binds it right after). */
  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
