package io.ovpo.compliance.it;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar ovpo-server.jar} as a child process on a free port, its output in {@code
 * target/compliance-<name>.log}. Inherited {@code OVPO_*} variables are dropped, so only the given
 * configuration counts.
 */
final class ServerJar implements AutoCloseable {
  /** The bootstrap super_admin key every compliance IT server starts with. */
  static final String KEY = "ovpo_compliance1_ComplianceKitComplianceKitComplianceKit01";

  private final Process process;
  private final Path log;
  private final int port;

  private ServerJar(Process process, Path log, int port) {
    this.process = process;
    this.log = log;
    this.port = port;
  }

  /** Starts the jar named by the {@code ovpo.server.jar} property and waits until /ready. */
  static ServerJar start(String name, Map<String, String> settings) throws Exception {
    Path jar =
        Path.of(System.getProperty("ovpo.server.jar", "../apps/server/target/ovpo-server.jar"));
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(jar + " is missing: build apps/server first (mvn package)");
    }
    int port = freePort();
    Path log = Path.of("target").toAbsolutePath().resolve("compliance-" + name + ".log");
    Files.createDirectories(log.getParent());
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(java.toString(), "-Xmx512m", "-jar", jar.toAbsolutePath().toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("OVPO_"));
    pb.environment().put("OVPO_BOOTSTRAP_API_KEY", KEY);
    // the kit polls a lot; an unlimited tier keeps rate limits out of every other check (the
    // rate-limit check runs in a tenant of its own, on the default tier)
    pb.environment().put("OVPO_BOOTSTRAP_TIER", "unlimited");
    pb.environment().put("OVPO_QUERY_RATE", "100000/60s");
    // a small tier the rate-limit check puts its own tenant on: a 429 within 21 requests
    pb.environment().put("OVPO_RATE_TIERS", ComplianceRun.RATE_TIER + ":20/60s");
    pb.environment().put("OVPO_LOG_FORMAT", "text");
    pb.environment().putAll(settings);
    pb.environment().put("OVPO_PORT", Integer.toString(port));
    pb.environment().put("OVPO_BIND_HOST", "127.0.0.1");
    Process process = pb.start();
    // a test JVM that dies without @AfterAll must not leave the server running
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    ServerJar server = new ServerJar(process, log, port);
    try {
      server.awaitReady(Duration.ofSeconds(90));
    } catch (Exception e) {
      server.close();
      throw e;
    }
    return server;
  }

  String url() {
    return "http://127.0.0.1:" + port;
  }

  private void awaitReady(Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited during start-up:\n" + output());
      }
      try {
        HttpURLConnection c =
            (HttpURLConnection) URI.create(url() + "/ready").toURL().openConnection();
        c.setConnectTimeout(1000);
        c.setReadTimeout(2000);
        if (c.getResponseCode() == 200) {
          return;
        }
      } catch (IOException notYetListening) {
        // connection refused until the server listens
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("not ready within " + timeout + ":\n" + output());
  }

  String output() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    }
  }
}
