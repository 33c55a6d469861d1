package io.ovpo.app.cli;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.server.OvpoServer;
import io.ovpo.app.server.ServerComponent;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One all-in-one OVPO server for every test class of this JVM: wired by {@link ServerComponent} as
 * {@code ServerMain} wires it, in-memory backends, a free port, a known super_admin key. Started by
 * the first class that uses the extension, closed when the test run ends.
 */
final class TestServer implements BeforeAllCallback {
  static final String ROOT_KEY = "ovpo_clitest01_C1iTestC1iTestC1iTestC1iTestC1iTest00";
  static final String ROOT_TENANT = "cli-root";

  private static OvpoServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    start(context);
  }

  private static synchronized void start(ExtensionContext context) {
    if (server != null) {
      return;
    }
    Map<String, String> env = new HashMap<>();
    env.put("OVPO_PORT", "0");
    env.put("OVPO_BIND_HOST", "127.0.0.1");
    env.put("OVPO_BOOTSTRAP_API_KEY", ROOT_KEY);
    env.put("OVPO_BOOTSTRAP_TENANT", ROOT_TENANT);
    env.put("OVPO_BOOTSTRAP_TIER", "unlimited");
    env.put("OVPO_QUERY_RATE", "100000/60s");
    OvpoServer s = ServerComponent.create(OvpoConfig.load(env)).server();
    s.bootstrap();
    s.start();
    server = s;
    context
        .getRoot()
        .getStore(ExtensionContext.Namespace.GLOBAL)
        .put(TestServer.class.getName(), new Stopper());
  }

  /** Closes the server when JUnit closes the root context, at the end of the run. */
  private static final class Stopper implements AutoCloseable {
    @Override
    public void close() {
      stop();
    }
  }

  private static synchronized void stop() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /** The server's base URL. */
  static String url() {
    return server.localUrl();
  }

  /** A runner pointed at the server with the super_admin key. */
  static CliRun cli(java.nio.file.Path home) {
    return new CliRun(home).env("OVPO_URL", url()).env("OVPO_API_KEY", ROOT_KEY);
  }
}
