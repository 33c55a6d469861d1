package io.ovpo.app.processor;

import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code java -jar ovpo-processor.jar}: configuration from {@code OVPO_*} variables. */
public final class ProcessorMain {
  private static final Logger LOG = LoggerFactory.getLogger(ProcessorMain.class);

  private ProcessorMain() {}

  public static void main(String[] args) {
    ProcessorApp app;
    try {
      OvpoConfig config = OvpoConfig.fromEnvironment();
      config.describe().forEach(line -> LOG.info("config {}", line)); // secrets are masked
      config.warnings().forEach(LOG::warn);
      app = ProcessorComponent.create(config).app().start();
    } catch (ConfigException e) {
      System.err.println(e.getMessage());
      System.exit(2);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(app::close, "ovpo-processor-shutdown"));
    LOG.info("ovpo processor running; health and metrics on port {}", app.port());
  }
}
