package io.ovpo.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovpo ping} and connection problems: what the user sees, and the exit statuses. */
@ExtendWith(TestServer.class)
class PingIT {
  @TempDir Path home;

  @Test
  void ping_reportsHealthAndEveryReadinessCheck() {
    CliRun.Result r = new CliRun(home).env("OVPO_URL", TestServer.url()).run("ping");

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains("health").contains("UP (HTTP 200").contains("COMPONENT");
  }

  @Test
  void ping_ofAServerThatIsNotThere_exitsWith3() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }

    CliRun.Result r = new CliRun(home).run("ping", "--url", "http://127.0.0.1:" + port);

    assertThat(r.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(r.err()).contains("cannot connect to http://127.0.0.1:" + port);
  }

  @Test
  void unknownKey_exitsWith4_withAHint_andTheKeyIsNotShown() {
    String key = "ovpo_unknown1_UnknownUnknownUnknownUnknownUnknown00";

    CliRun.Result r = TestServer.cli(home).env("OVPO_API_KEY", key).run("traces", "list");

    assertThat(r.exit()).isEqualTo(ExitCodes.DENIED);
    assertThat(r.err()).contains("UNAUTHENTICATED").contains("hint: check the API key");
    assertThat(r.out() + r.err()).doesNotContain(key);
  }

  @Test
  void savedDefaultProfile_isUsedWithoutFlagsOrVariables() {
    CliRun.Result saved =
        new CliRun(home)
            .run("config", "save", "--url", TestServer.url(), "--api-key", TestServer.ROOT_KEY);

    CliRun.Result list = new CliRun(home).run("traces", "list", "-o", "json");

    assertThat(saved.exit()).isZero();
    assertThat(saved.out()).doesNotContain(TestServer.ROOT_KEY).contains("ovpo_clitest01_****");
    assertThat(list.exit()).as(list.toString()).isZero();
  }
}
