package io.ovpo.app.collector;

import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar ovpo-collector.jar}: configuration from {@code OVPO_*} variables. */
public final class CollectorMain {
  private static final Logger LOG = LoggerFactory.getLogger(CollectorMain.class);

  private CollectorMain() {}

  public static void main(String[] args) {
    CollectorApp app;
    try {
      OvpoConfig config = OvpoConfig.fromEnvironment();
      config.describe().forEach(line -> LOG.info("config {}", line)); // secrets are masked
      config.warnings().forEach(LOG::warn);
      app = CollectorComponent.create(config).app().start();
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ovpo-collector-shutdown"));
    LOG.info("ovpo collector listening on port {}", app.port());
  }
}
