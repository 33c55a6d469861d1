package io.ovpo.app.server;

import io.ovpo.app.common.config.Setting;
import java.util.ArrayList;
import java.util.List;

/** Renders docs/configuration.md from {@link Setting}: every OVPO_* variable, default, meaning. */
final class ConfigurationDoc {
  private ConfigurationDoc() {}

  static String render() {
    List<String> l = new ArrayList<>();
    l.add("# Configuration reference");
    l.add("");
    l.add(
        "<!-- Generated from io.ovpo.app.common.config.Setting by ConfigurationDocTest (apps/server).");
    l.add("     Do not edit by hand: change Setting, then run");
    l.add(
        "     mvn -pl apps/server -am test -Dtest=ConfigurationDocTest"
            + " -Dsurefire.failIfNoSpecifiedTests=false -Dovpo.docs.update=true -->");
    l.add("");
    l.add(
        "OVPO reads its configuration once, at start-up, from `OVPO_*` environment variables and");
    l.add("from an optional properties file named by `OVPO_CONFIG_FILE` (the environment wins).");
    l.add("Every value is checked before anything listens: a bad one stops the process with exit");
    l.add(
        "status 2 and every problem listed at once. An `OVPO_*` name that is not below is warned");
    l.add(
        "about (a typo?) and ignored. The start-up output shows the effective configuration with");
    l.add("secrets masked (`****`; an API key as `ovpo_<prefix>_****`).");
    l.add("");
    l.add(
        "The collector, processor and query apps read the same names as the all-in-one server, so");
    l.add("one environment file can drive a whole deployment. Backends are chosen here, never by");
    l.add(
        "code changes: the in-memory adapters serve every port no other backend is configured for.");
    l.add("");
    l.add("| Variable | Default | Secret | Meaning |");
    l.add("|---|---|---|---|");
    for (Setting s : Setting.values()) {
      l.add(
          "| `"
              + s.key()
              + "` | "
              + (s.defaultValue().isEmpty() ? "(unset)" : "`" + s.defaultValue() + "`")
              + " | "
              + (s.secret() ? "yes" : "")
              + " | "
              + cell(s.description())
              + (s.choices().isEmpty() ? "" : " One of: " + choices(s) + ".")
              + " |");
    }
    l.add("");
    l.add("## Examples");
    l.add("");
    l.add("Everything in memory on port 8080, with the demo traces and a fixed admin key:");
    l.add("");
    l.add("    OVPO_DEMO=true \\");
    l.add("    OVPO_BOOTSTRAP_API_KEY=ovpo_localdev01_LocalDevelopmentKeyNotForProduction0 \\");
    l.add("    java -jar apps/server/target/ovpo-server.jar");
    l.add("");
    l.add(
        "A properties file for a deployment on PostgreSQL and NATS (secrets from the environment):");
    l.add("");
    l.add("    # ovpo.properties, used with OVPO_CONFIG_FILE=ovpo.properties");
    l.add("    OVPO_STORE=postgres");
    l.add("    OVPO_PG_URL=jdbc:postgresql://db:5432/ovpo");
    l.add("    OVPO_QUEUE=nats");
    l.add("    OVPO_NATS_URL=nats://nats:4222");
    l.add("    OVPO_REDIS_URL=redis://redis:6379");
    l.add("");
    l.add("Secrets (`OVPO_PG_PASSWORD`, `OVPO_CURSOR_SECRET`, `OVPO_SIGNING_SECRET`, ...) have no");
    l.add(
        "default value. Without `OVPO_CURSOR_SECRET` and `OVPO_SIGNING_SECRET` each process draws");
    l.add("random ones, so pagination cursors and signed links stop working when it restarts, and");
    l.add("several query instances must share configured ones.");
    l.add("");
    return String.join("\n", l);
  }

  private static String choices(Setting s) {
    return String.join(", ", s.choices().stream().map(c -> "`" + c + "`").toList());
  }

  /** Markdown table cells cannot hold a bare '|'. */
  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
