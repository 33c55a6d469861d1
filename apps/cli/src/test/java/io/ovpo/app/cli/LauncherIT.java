package io.ovpo.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code bin/ovpo} with the packaged jar: it starts, finds the jar, and logs nothing of its own.
 */
class LauncherIT {
  static final Path LAUNCHER = Path.of(System.getProperty("ovpo.launcher", "../../bin/ovpo"));
  static final Path JAR = Path.of(System.getProperty("ovpo.cli.jar", "target/ovpo-cli.jar"));
  static final Path EXAMPLES =
      Path.of(System.getProperty("ovpo.schemas.dir", "../../schemas/v0.08"), "examples");

  private record Run(int exit, String out, String err) {}

  private static Run launch(String... args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of("bash", LAUNCHER.toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("OVPO_CLI_JAR", JAR.toAbsolutePath().toString());
    pb.environment().remove("OVPO_API_KEY");
    Process p = pb.start();
    p.getOutputStream().close();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return new Run(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void launcher_runsThePackagedJar() throws Exception {
    Run r = launch("--version");

    assertThat(r.exit()).as(r.err()).isZero();
    assertThat(r.out()).contains("ovpo 0.8.0");
  }

  @Test
  void packagedJar_validatesWithTheBundledSchemas_withoutLogNoise() throws Exception {
    Run valid = launch("validate", EXAMPLES.resolve("valid").toString());
    Run invalid = launch("validate", EXAMPLES.resolve("invalid/span.kind-unknown.json").toString());

    assertThat(valid.exit()).as(valid.err()).isZero();
    assertThat(valid.err()).isEmpty();
    assertThat(invalid.exit()).isEqualTo(1);
    assertThat(invalid.out()).contains("/span_kind");
  }
}
