package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.HttpAt;
import io.ovpo.app.query.testing.Reply;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code java -jar target/ovpo-query.jar} alone gives a working query API (the shaded jar). */
class ITExecutableJar {
  private static final Pattern KEY = Pattern.compile("(ovpo_[a-z0-9]{8,16}_[A-Za-z0-9]{32,64})");
  private static final Pattern PORT = Pattern.compile("listening on port (\\d+)");

  @Test
  void shadedJar_startsPrintsItsKeyOnceAndServes() throws Exception {
    Path jar = Path.of("target", "ovpo-query.jar");
    assertThat(jar).exists();
    ProcessBuilder pb =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar",
                jar.toString())
            .redirectErrorStream(true);
    pb.environment().put("OVPO_PORT", "0");
    pb.environment().put("OVPO_BIND_HOST", "127.0.0.1");
    pb.environment().put("OVPO_LOG_FORMAT", "text");
    Process process = pb.start();
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String key = null;
      int port = -1;
      String line;
      StringBuilder seen = new StringBuilder();
      while (port < 0 && (line = out.readLine()) != null) {
        seen.append(line).append('\n');
        Matcher k = KEY.matcher(line);
        if (key == null && k.find()) {
          key = k.group(1);
        }
        Matcher p = PORT.matcher(line);
        if (p.find()) {
          port = Integer.parseInt(p.group(1));
        }
      }
      assertThat(port).as(seen.toString()).isPositive();
      assertThat(key).as("generated bootstrap key on stdout").isNotNull();
      assertThat(seen.toString().split(Pattern.quote(key), -1)).as("printed once").hasSize(2);

      Http http = HttpAt.port(port);
      assertThat(http.get("/health", null).status()).isEqualTo(200);
      Reply tenants = http.get("/v1/admin/tenants", key);
      assertThat(tenants.status()).as(tenants.toString()).isEqualTo(200);
      assertThat(tenants.body()).contains("\"default\"");
    } finally {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    assertThat(Files.exists(jar)).isTrue();
  }
}
