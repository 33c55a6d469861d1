package io.ovpo.app.server;

import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar ovpo-server.jar [--demo]}: OVPO in one process, configured by {@code OVPO_*}
 * variables (in-memory backends by default). Exit status 2 means the configuration or the command
 * line is wrong, 1 that start-up failed otherwise; a running server stops gracefully on SIGTERM or
 * Ctrl-C.
 */
public final class ServerMain {
  private static final Logger LOG = LoggerFactory.getLogger(ServerMain.class);

  private ServerMain() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ServerArgs parsed;
    try {
      parsed = ServerArgs.parse(Arrays.asList(args));
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(ServerArgs.USAGE);
      System.exit(2);
      return;
    }
    if (parsed.help()) {
      out.println(ServerArgs.USAGE);
      return;
    }
    OvpoConfig config;
    try {
      config = OvpoConfig.load(parsed.applyTo(System.getenv()));
    } catch (ConfigException e) {
      err.println(e.getMessage());
      System.exit(2);
      return;
    }
    StartupText.banner(version()).forEach(out::println);
    StartupText.configuration(config).forEach(out::println);

    OvpoServer server;
    Optional<String> generated;
    try {
      server = ServerComponent.create(config).server();
      generated = server.bootstrap();
      server.start();
    } catch (ConfigException | IllegalArgumentException | IllegalStateException e) {
      err.println("OVPO cannot start: " + e.getMessage());
      System.exit(2);
      return;
    } catch (RuntimeException e) {
      LOG.error("start-up failed", e);
      err.println("OVPO cannot start: " + e);
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "ovpo-shutdown"));

    // Printed on standard output once, never logged (spec 06 §7).
    String tenant = config.string(Setting.BOOTSTRAP_TENANT);
    generated.ifPresent(key -> StartupText.generatedKey(tenant, key).forEach(out::println));
    String url = displayUrl(config, server.port());
    String firstBatch = StartupText.firstBatch(UUID.randomUUID(), Instant.now());
    StartupText.ready(url, StartupText.keyHint(config, generated.isPresent()), firstBatch)
        .forEach(out::println);
    out.println();
    if (server.demoRequested()) {
      startDemo(server, generated, url, out);
    }
    out.flush();
  }

  private static void startDemo(
      OvpoServer server, Optional<String> generated, String url, PrintStream out) {
    server
        .startDemo(generated)
        .ifPresentOrElse(
            demo ->
                demo.whenComplete(
                    (traces, failure) -> {
                      if (failure != null) {
                        LOG.error("the demo pipeline failed: {}", failure.toString());
                        out.println("Demo failed: " + failure.getMessage());
                      } else {
                        StartupText.demoSent(url, traces).forEach(out::println);
                      }
                      out.flush();
                    }),
            () ->
                out.println(
                    "Demo skipped: it needs OVPO_BOOTSTRAP_API_KEY (no key was generated this run,"
                        + " because the store already holds a super_admin key)."));
  }

  /** The URL to show: OVPO_PUBLIC_URL, or localhost when bound to every interface. */
  static String displayUrl(OvpoConfig config, int port) {
    Optional<String> publicUrl = config.optional(Setting.PUBLIC_URL);
    if (publicUrl.isPresent()) {
      return publicUrl.get().replaceAll("/+$", "");
    }
    String host = config.string(Setting.BIND_HOST);
    if (List.of("0.0.0.0", "::", "[::]", "127.0.0.1").contains(host)) {
      host = "localhost";
    } else if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]";
    }
    return "http://" + host + ":" + port;
  }

  private static String version() {
    String v = ServerMain.class.getPackage().getImplementationVersion();
    return v == null ? "(development build)" : v;
  }
}
