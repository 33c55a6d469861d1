package io.ovpo.app.query;

import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.http.OvpoHttpServer;
import java.io.PrintStream;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar ovpo-query.jar}: reads the {@code OVPO_*} configuration, prints it with secrets
 * masked, provisions the bootstrap key, and serves the query API on {@code OVPO_PORT} until the
 * process is stopped.
 */
public final class QueryMain {
  private static final Logger LOG = LoggerFactory.getLogger(QueryMain.class);

  private QueryMain() {}

  public static void main(String[] args) {
    PrintStream out = System.out;
    OvpoConfig config;
    try {
      config = OvpoConfig.fromEnvironment();
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    out.println("OVPO query API, configuration:");
    config.describe().forEach(line -> out.println("  " + line));
    config.warnings().forEach(w -> LOG.warn("{}", w));

    QueryApp app = DaggerQueryComponent.factory().create(config).app();
    // Printed on stdout once, never logged (spec 06 §7).
    app.bootstrap()
        .ifPresent(
            key ->
                out.println(
                    "Generated super_admin API key (shown only this once, store it now): " + key));
    OvpoHttpServer server = app.start();
    LOG.info("query API listening on port {}", server.port());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.stop(Duration.ofSeconds(10));
                  app.close();
                },
                "ovpo-query-shutdown"));
  }
}
