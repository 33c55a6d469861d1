package io.ovpo.app.cli.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.app.cli.CliException;
import io.ovpo.app.cli.Environment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionResolverTest {
  static final String ENV_KEY = "ovpo_envkey01_EnvEnvEnvEnvEnvEnvEnvEnvEnvEnvEnvEnv";
  static final String FLAG_KEY = "ovpo_flagkey1_FlagFlagFlagFlagFlagFlagFlagFlagFlag";
  static final String PROFILE_KEY = "ovpo_profkey1_ProfProfProfProfProfProfProfProfProf";

  @TempDir Path home;

  private Environment env(Map<String, String> vars) {
    return new Environment(vars, home);
  }

  private static ConnectionResolver.Flags flags(String url, String key, String profile) {
    return new ConnectionResolver.Flags(
        Optional.ofNullable(url), Optional.ofNullable(key), Optional.ofNullable(profile));
  }

  private ProfileStore store() {
    return new ProfileStore(home.resolve(".config/ovpo"));
  }

  @Test
  void nothingConfigured_meansLocalhostWithoutKey() {
    Connection c = ConnectionResolver.resolve(flags(null, null, null), env(Map.of())).connection();

    assertThat(c.url()).hasToString("http://localhost:8080");
    assertThat(c.apiKey()).isEmpty();
    assertThat(c.keySource()).isEqualTo("none");
  }

  @Test
  void flags_winOverVariables_whichWinOverTheDefaultProfile() {
    store().save("default", Optional.of("http://profile:1"), Optional.of(PROFILE_KEY));
    Map<String, String> vars = Map.of("OVPO_URL", "http://env:2/", "OVPO_API_KEY", ENV_KEY);

    Connection fromEnv =
        ConnectionResolver.resolve(flags(null, null, null), env(vars)).connection();
    Connection fromFlags =
        ConnectionResolver.resolve(flags("http://flag:3", FLAG_KEY, null), env(vars)).connection();
    Connection fromProfile =
        ConnectionResolver.resolve(flags(null, null, null), env(Map.of())).connection();

    assertThat(fromEnv.url()).hasToString("http://env:2");
    assertThat(fromEnv.apiKey()).contains(ENV_KEY);
    assertThat(fromFlags.url()).hasToString("http://flag:3");
    assertThat(fromFlags.apiKey()).contains(FLAG_KEY);
    assertThat(fromProfile.url()).hasToString("http://profile:1");
    assertThat(fromProfile.apiKey()).contains(PROFILE_KEY);
    assertThat(fromProfile.keySource()).startsWith("profile ");
  }

  @Test
  void namedProfile_winsOverVariables() {
    store().save("prod", Optional.of("https://ovpo.example.com"), Optional.of(PROFILE_KEY));
    Map<String, String> vars = Map.of("OVPO_URL", "http://env:2", "OVPO_API_KEY", ENV_KEY);

    Connection c = ConnectionResolver.resolve(flags(null, null, "prod"), env(vars)).connection();

    assertThat(c.url()).hasToString("https://ovpo.example.com");
    assertThat(c.apiKey()).contains(PROFILE_KEY);
  }

  @Test
  void namedProfileThatDoesNotExist_isAUsageError() {
    assertThatThrownBy(() -> ConnectionResolver.resolve(flags(null, null, "nope"), env(Map.of())))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("profile 'nope'")
        .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(2));
  }

  @Test
  void malformedKey_isRefusedWithoutBeingShown() {
    String secretLooking = "ovpo_short_NOTLONGENOUGH";
    Map<String, String> vars = new HashMap<>();
    vars.put("OVPO_API_KEY", secretLooking);

    assertThatThrownBy(() -> ConnectionResolver.resolve(flags(null, null, null), env(vars)))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("OVPO_API_KEY")
        .hasMessageNotContaining(secretLooking);
  }

  @Test
  void urlWithoutHttpScheme_isAUsageError() {
    assertThatThrownBy(
            () -> ConnectionResolver.resolve(flags("localhost:8080", null, null), env(Map.of())))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("--url");
  }

  @Test
  void profileReadableByOthers_givesAWarning() throws Exception {
    Path file = store().save("default", Optional.empty(), Optional.of(PROFILE_KEY));
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

    var r = ConnectionResolver.resolve(flags(null, null, null), env(Map.of()));

    assertThat(r.warnings()).singleElement().asString().contains("chmod 600");
  }

  @Test
  void savedProfile_isReadableByItsOwnerOnly() throws Exception {
    Path file = store().save("ci", Optional.of("http://x:1"), Optional.of(PROFILE_KEY));

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(store().load("ci").orElseThrow().apiKey()).contains(PROFILE_KEY);
  }

  @Test
  void unknownSettingInAProfile_isAUsageError() throws Exception {
    Files.createDirectories(home.resolve(".config/ovpo"));
    Files.writeString(home.resolve(".config/ovpo/default.properties"), "api-key=x\n");

    assertThatThrownBy(() -> store().load("default"))
        .isInstanceOf(CliException.class)
        .hasMessageContaining("unknown setting 'api-key'");
  }

  @Test
  void connectionAndProfile_neverPrintTheSecret() {
    Connection c = new Connection(java.net.URI.create("http://x"), Optional.of(ENV_KEY), "a", "b");
    Profile p = new Profile("p", home, Optional.empty(), Optional.of(ENV_KEY));

    assertThat(c.toString()).doesNotContain(ENV_KEY).contains("ovpo_envkey01_****");
    assertThat(p.toString()).doesNotContain(ENV_KEY);
  }

  @Test
  void configDir_followsOvpoConfigDirThenXdg() {
    assertThat(env(Map.of("OVPO_CONFIG_DIR", "/tmp/x")).configDir()).isEqualTo(Path.of("/tmp/x"));
    assertThat(env(Map.of("XDG_CONFIG_HOME", "/tmp/y")).configDir())
        .isEqualTo(Path.of("/tmp/y/ovpo"));
    assertThat(env(Map.of()).configDir()).isEqualTo(home.resolve(".config/ovpo"));
  }
}
