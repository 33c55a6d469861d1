package io.ovpo.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ovpo admin ...} against the all-in-one server, with the bootstrap super_admin key. */
@ExtendWith(TestServer.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AdminCommandsIT {
  private Path home;
  private CliRun root;
  private final String tenant = "acme-" + UUID.randomUUID().toString().substring(0, 8);

  @BeforeAll
  void createTenant(@TempDir Path tmp) {
    home = tmp;
    root = TestServer.cli(home);
    CliRun.Result r = root.run("admin", "tenants", "create", tenant, "--name", "Acme Video");
    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).contains(tenant).contains("Acme Video");
  }

  @Test
  void tenants_listIncludesTheNewTenant_andCreatingItTwiceIsAConflict() {
    CliRun.Result list = root.run("admin", "tenants", "list", "-o", "csv");
    CliRun.Result again = root.run("admin", "tenants", "create", tenant);

    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains(tenant + ",Acme Video,");
    assertThat(again.exit()).isEqualTo(ExitCodes.FAILED);
    assertThat(again.err()).contains("CONFLICT (HTTP 409)").contains("request_id");
  }

  @Test
  void keyCreatedForATenant_works_isListed_andStopsWorkingOnceRevoked() {
    CliRun.Result created =
        root.run(
            "admin",
            "keys",
            "create",
            "--tenant",
            tenant,
            "--role",
            "developer",
            "--name",
            "ci",
            "--expires-in",
            "30d",
            "-o",
            "json");
    assertThat(created.exit()).as(created.toString()).isZero();
    JsonNode key = Traces.json(created);
    String plaintext = key.path("api_key").asText();
    String keyId = key.path("key_id").asText();
    CliRun asDeveloper = TestServer.cli(home).env("OVPO_API_KEY", plaintext);

    assertThat(asDeveloper.run("traces", "list").exit()).isZero();
    CliRun.Result listed = root.run("admin", "keys", "list", "--tenant", tenant);
    assertThat(listed.out()).contains(keyId).contains("developer").contains("active");
    assertThat(listed.out()).doesNotContain(plaintext);

    CliRun.Result revoked = root.run("admin", "keys", "revoke", keyId);
    assertThat(revoked.exit()).isZero();
    assertThat(revoked.out()).contains("revoked key " + keyId);
    CliRun.Result refused = asDeveloper.run("traces", "list");
    assertThat(refused.exit()).isEqualTo(ExitCodes.DENIED);
    assertThat(refused.err()).contains("UNAUTHENTICATED (HTTP 401)").contains("hint:");
    assertThat(refused.err()).doesNotContain(plaintext);
    assertThat(root.run("admin", "keys", "list", "--tenant", tenant).out()).contains("revoked");
  }

  @Test
  void viewerKey_cannotAdminister_exitStatus4() {
    CliRun.Result created =
        root.run("admin", "keys", "create", "--tenant", tenant, "--role", "viewer", "--name", "ro");
    assertThat(created.out()).contains("shown this once");
    String plaintext =
        created
            .out()
            .lines()
            .filter(l -> l.strip().startsWith("ovpo_"))
            .findFirst()
            .orElseThrow()
            .strip();

    CliRun.Result r =
        TestServer.cli(home).env("OVPO_API_KEY", plaintext).run("admin", "audit", "list");

    assertThat(r.exit()).isEqualTo(ExitCodes.DENIED);
    assertThat(r.err()).contains("FORBIDDEN (HTTP 403)");
  }

  @Test
  void keyCreatedIntoAProfile_isNeverPrinted_andTheProfileWorks() throws Exception {
    CliRun.Result r =
        root.run(
            "admin",
            "keys",
            "create",
            "--tenant",
            tenant,
            "--role",
            "viewer",
            "--name",
            "saved",
            "--save-profile",
            "acme-viewer");

    assertThat(r.exit()).as(r.toString()).isZero();
    Path profile = home.resolve(".config/ovpo/acme-viewer.properties");
    String stored = Files.readString(profile);
    String plaintext =
        stored.lines().filter(l -> l.startsWith("api_key=")).findFirst().orElseThrow().substring(8);
    assertThat(r.out())
        .doesNotContain(plaintext)
        .contains("_****")
        .contains("--profile acme-viewer");

    CliRun withProfile = new CliRun(home);
    assertThat(withProfile.run("traces", "list", "--profile", "acme-viewer").exit()).isZero();
    CliRun.Result shown = withProfile.run("config", "show", "--profile", "acme-viewer");
    assertThat(shown.out()).contains(TestServer.url()).doesNotContain(plaintext).contains("_****");
  }

  @Test
  void legalHold_setAndUnset_andBothAreAudited() throws Exception {
    TraceFixture job = new TraceFixture(2, "hold");
    assertThat(root.run("ingest", job.write(home).toString()).exit()).isZero();
    Traces.awaitStored(root, job);

    CliRun.Result set = root.run("admin", "legal-hold", "set", job.traceId);
    boolean held =
        Traces.json(root.run("traces", "get", job.traceId, "-o", "json"))
            .path("trace")
            .path("legal_hold")
            .asBoolean();
    CliRun.Result unset = root.run("admin", "legal-hold", "unset", job.traceId, "-o", "json");

    assertThat(set.exit()).as(set.toString()).isZero();
    assertThat(set.out()).contains("legal hold on");
    assertThat(held).isTrue();
    assertThat(Traces.json(unset).path("legal_hold").asBoolean()).isFalse();
    CliRun.Result audit =
        root.run("admin", "audit", "list", "--action", "CONFIG_CHANGE", "--all", "-o", "json");
    assertThat(audit.exit()).isZero();
    assertThat(audit.out()).contains(job.traceId);
  }

  @Test
  void auditTrail_listsRecordsNewestFirst_andItsChainVerifies() {
    CliRun.Result list = root.run("admin", "audit", "list", "--limit", "5");
    CliRun.Result verify = root.run("admin", "audit", "verify");

    assertThat(list.exit()).as(list.toString()).isZero();
    assertThat(list.out()).contains("SEQ").contains("ACTION");
    assertThat(verify.exit()).as(verify.toString()).isZero();
    assertThat(verify.out()).contains("intact");
  }
}
