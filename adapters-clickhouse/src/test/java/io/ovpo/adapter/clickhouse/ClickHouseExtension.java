package io.ovpo.adapter.clickhouse;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A ClickHouse for integration tests, found or started once per test run: {@code
 * OVPO_TEST_CLICKHOUSE_URL} if set (an existing server; tests use their own database and drop it);
 * else {@code clickhouse-server} (from {@code /usr/bin}, {@code /usr/sbin} or the PATH; the Debian
 * package installs it) started with a config of our own: 127.0.0.1 only, free ports, data under
 * {@code target/}, stopped and deleted when the run ends. It installs nothing: {@code .ci/run}
 * installs the package when it is missing.
 */
public final class ClickHouseExtension implements BeforeAllCallback {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static String url;

  @Override
  public void beforeAll(ExtensionContext context) {
    synchronized (ClickHouseExtension.class) {
      if (url == null) {
        String configured = System.getenv("OVPO_TEST_CLICKHOUSE_URL");
        if (configured != null && !configured.isBlank()) {
          if (!ping(configured)) {
            throw new ExtensionConfigurationException(
                "OVPO_TEST_CLICKHOUSE_URL=" + configured + " is not reachable");
          }
          url = configured;
        } else {
          Server server = Server.start();
          // closed when the whole run ends, after every test class that used it
          context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL).put(Server.class, server);
          url = server.url;
        }
      }
    }
  }

  /** The HTTP URL of the server. */
  public static synchronized String url() {
    if (url == null) {
      throw new IllegalStateException("ClickHouseExtension has not run");
    }
    return url;
  }

  /** A database name no other run uses. */
  public static String uniqueDatabase() {
    return "ovpo_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  /** Runs one statement as the default user; fails the test on an error answer. */
  public static String execute(String sql) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url() + "/"))
                  .timeout(Duration.ofSeconds(60))
                  .POST(HttpRequest.BodyPublishers.ofString(sql))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        throw new IllegalStateException("ClickHouse answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    } catch (IOException e) {
      throw new IllegalStateException("ClickHouse not reachable", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static boolean ping(String base) {
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(base + "/ping"))
                  .timeout(Duration.ofSeconds(2))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A clickhouse-server process of this run. */
  private static final class Server
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    final Process process;
    final Path dir;
    final String url;

    private Server(Process process, Path dir, String url) {
      this.process = process;
      this.dir = dir;
      this.url = url;
    }

    static Server start() {
      String binary = binary();
      try {
        Path dir =
            Files.createDirectories(
                Paths.get("target", "clickhouse-" + UUID.randomUUID().toString().substring(0, 8))
                    .toAbsolutePath());
        int http = freePort();
        int tcp = freePort();
        Files.writeString(dir.resolve("config.xml"), config(dir, http, tcp));
        Files.writeString(dir.resolve("users.xml"), USERS);
        Path log = dir.resolve("server.log");
        Process p =
            new ProcessBuilder(binary, "--config-file=" + dir.resolve("config.xml"))
                .directory(dir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        Server server = new Server(p, dir, "http://127.0.0.1:" + http);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ping(server.url)) {
          if (!p.isAlive() || System.nanoTime() > deadline) {
            server.close();
            throw new ExtensionConfigurationException(
                "clickhouse-server did not start; its log: " + Files.readString(log));
          }
          Thread.sleep(100);
        }
        return server;
      } catch (IOException e) {
        throw new ExtensionConfigurationException("cannot start clickhouse-server", e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ExtensionConfigurationException("interrupted starting clickhouse-server", e);
      }
    }

    @Override
    public void close() {
      process.destroy();
      try {
        if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      } catch (IOException e) {
        // target/ is cleaned by the build anyway
      }
    }

    private static String binary() {
      String path = System.getenv().getOrDefault("PATH", "");
      List<String> dirs =
          Stream.concat(
                  Stream.of("/usr/bin", "/usr/sbin"), Stream.of(path.split(File.pathSeparator)))
              .toList();
      for (String d : dirs) {
        File f = new File(d, "clickhouse-server");
        if (f.canExecute()) {
          return f.getPath();
        }
      }
      throw new ExtensionConfigurationException(
          "no ClickHouse: set OVPO_TEST_CLICKHOUSE_URL, or install clickhouse-server"
              + " (apt-get install -y clickhouse-server) so the tests can start one");
    }

    private static int freePort() throws IOException {
      try (ServerSocket s = new ServerSocket(0)) {
        return s.getLocalPort();
      }
    }

    private static String config(Path dir, int http, int tcp) {
      String d = dir.toString();
      return """
          <?xml version="1.0"?>
          <yandex>
            <logger><level>warning</level><console>1</console></logger>
            <listen_host>127.0.0.1</listen_host>
            <http_port>%d</http_port>
            <tcp_port>%d</tcp_port>
            <path>%s/data/</path>
            <tmp_path>%s/tmp/</tmp_path>
            <user_files_path>%s/user_files/</user_files_path>
            <format_schema_path>%s/format_schemas/</format_schema_path>
            <users_config>users.xml</users_config>
            <default_profile>default</default_profile>
            <default_database>default</default_database>
            <timezone>UTC</timezone>
            <mark_cache_size>268435456</mark_cache_size>
            <uncompressed_cache_size>268435456</uncompressed_cache_size>
            <max_concurrent_queries>100</max_concurrent_queries>
          </yandex>
          """
          .formatted(http, tcp, d, d, d, d);
    }

    private static final String USERS =
        """
        <?xml version="1.0"?>
        <yandex>
          <profiles><default><max_memory_usage>4000000000</max_memory_usage></default></profiles>
          <users>
            <default>
              <password></password>
              <networks><ip>127.0.0.1</ip></networks>
              <profile>default</profile>
              <quota>default</quota>
            </default>
          </users>
          <quotas><default><interval><duration>3600</duration><queries>0</queries><errors>0</errors>
            <result_rows>0</result_rows><read_rows>0</read_rows><execution_time>0</execution_time>
          </interval></default></quotas>
        </yandex>
        """;
  }
}
