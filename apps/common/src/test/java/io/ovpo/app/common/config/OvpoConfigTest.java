package io.ovpo.app.common.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OvpoConfigTest {
  @Test
  void defaults_giveAnInMemoryServerOnPort8080() {
    OvpoConfig c = OvpoConfig.load(Map.of());
    assertThat(c.port()).isEqualTo(8080);
    assertThat(c.store()).isEqualTo("memory");
    assertThat(c.queue()).isEqualTo("memory");
    assertThat(c.eventStore()).isEqualTo("memory");
  }

  @Test
  void eventStore_followsStoreUnlessSet() {
    assertThat(OvpoConfig.load(Map.of("OVPO_STORE", "postgres")).eventStore())
        .isEqualTo("postgres");
    assertThat(
            OvpoConfig.load(Map.of("OVPO_STORE", "postgres", "OVPO_EVENT_STORE", "clickhouse"))
                .eventStore())
        .isEqualTo("clickhouse");
  }

  @Test
  void describe_masksEverySecret() {
    OvpoConfig c =
        OvpoConfig.load(
            Map.of(
                "OVPO_BOOTSTRAP_API_KEY", "ovpo_abcdefgh_0123456789abcdefghijABCDEFGHIJ0123",
                "OVPO_PG_PASSWORD", "hunter2hunter2",
                "OVPO_CURSOR_SECRET", "x".repeat(40),
                "OVPO_REDIS_URL", "redis://user:pw@127.0.0.1:6379"));
    String dump = String.join("\n", c.describe());
    assertThat(dump).doesNotContain("0123456789abcdefghij", "hunter2", "x".repeat(40), ":pw@");
    assertThat(dump).contains("OVPO_BOOTSTRAP_API_KEY=ovpo_abcdefgh_****", "OVPO_PG_PASSWORD=****");
    assertThat(c.toString()).doesNotContain("hunter2");
  }

  @Test
  void invalidValues_areAllReportedAtOnce() {
    assertThatThrownBy(
            () ->
                OvpoConfig.load(
                    Map.of(
                        "OVPO_PORT",
                        "eighty",
                        "OVPO_STORE",
                        "mysql",
                        "OVPO_DEMO",
                        "yes",
                        "OVPO_CURSOR_SECRET",
                        "short")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(4))
        .hasMessageContaining("OVPO_PORT")
        .hasMessageContaining("OVPO_STORE must be one of memory | postgres")
        .hasMessageContaining("OVPO_DEMO")
        .hasMessageContaining("OVPO_CURSOR_SECRET must be at least 32");
  }

  @Test
  void environmentOverridesFile(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("ovpo.properties");
    Files.writeString(file, "OVPO_PORT=9000\nOVPO_QUEUE=nats\n");
    OvpoConfig c =
        OvpoConfig.load(Map.of("OVPO_CONFIG_FILE", file.toString(), "OVPO_PORT", "9100"));
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.queue()).isEqualTo("nats");
  }

  @Test
  void unknownOvpoKey_isWarnedAbout() {
    assertThat(OvpoConfig.load(Map.of("OVPO_PROT", "1")).warnings())
        .singleElement()
        .asString()
        .contains("OVPO_PROT");
  }

  @Test
  void unreadableFile_isAProblem() {
    assertThatThrownBy(
            () -> OvpoConfig.load(Map.of("OVPO_CONFIG_FILE", "/nonexistent/ovpo.properties")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("cannot read");
  }
}
