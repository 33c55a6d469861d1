package io.ovpo.app.server;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.examples.demo.Scenario;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the server prints for the human who started it (on standard output, apart from the JSON
 * logs): the banner, the effective configuration with secrets masked, a generated key (once), the
 * URLs and ready-to-paste curl commands for a first batch and the trace list.
 */
final class StartupText {
  private static final DateTimeFormatter TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");

  private StartupText() {}

  static List<String> banner(String version) {
    return List.of(
        "",
        "  OVPO " + version + " all-in-one server: collector + processor + query API on one port",
        "");
  }

  static List<String> configuration(OvpoConfig config) {
    List<String> out = new ArrayList<>();
    out.add("Configuration (secrets masked; see docs/configuration.md):");
    config.describe().forEach(line -> out.add("  " + line));
    config.warnings().forEach(w -> out.add("  WARNING: " + w));
    out.add("");
    return out;
  }

  /** The generated super_admin key, framed so it is not missed. Printed once, never logged. */
  static List<String> generatedKey(String tenant, String key) {
    String rule = "=".repeat(78);
    return List.of(
        rule,
        "  Generated super_admin API key of tenant '" + tenant + "'.",
        "  It is shown only this once: store it now (only its hash is kept).",
        "",
        "    " + key,
        "",
        "  export OVPO_API_KEY=" + key,
        rule,
        "");
  }

  /**
   * The URLs and first commands.
   *
   * @param keyHint how the reader gets {@code $OVPO_API_KEY}
   */
  static List<String> ready(String baseUrl, String keyHint, String firstBatchJson) {
    List<String> out = new ArrayList<>();
    out.add("OVPO is ready at " + baseUrl);
    out.add("  ingest      POST " + baseUrl + "/v1/ingest/batch");
    out.add(
        "  query API   GET  " + baseUrl + "/v1/traces  (also /v1/analytics, /v1/admin, /v1/audit)");
    out.add(
        "  operations  GET  "
            + baseUrl
            + "/health, "
            + baseUrl
            + "/ready, "
            + baseUrl
            + "/metrics  (no key needed)");
    out.add("");
    out.add(keyHint);
    out.add("");
    out.add("Send a first batch:");
    out.add("  curl -sS -X POST " + baseUrl + "/v1/ingest/batch \\");
    out.add("    -H \"Authorization: Bearer $OVPO_API_KEY\" \\");
    out.add("    -H \"Content-Type: application/json\" -H \"X-OVPO-Schema-Version: 0.08\" \\");
    out.add("    -d '" + firstBatchJson + "'");
    out.add("");
    out.add("List traces:");
    out.add("  curl -sS -H \"Authorization: Bearer $OVPO_API_KEY\" " + baseUrl + "/v1/traces");
    out.add("");
    out.add("Stop with Ctrl-C: accepted items are processed before the process exits.");
    return out;
  }

  /** How to get {@code $OVPO_API_KEY}, depending on where the bootstrap key came from. */
  static String keyHint(OvpoConfig config, boolean generated) {
    if (generated) {
      return "Authenticate with the key above: export OVPO_API_KEY=<the generated key>";
    }
    Optional<String> configured = config.optional(Setting.BOOTSTRAP_API_KEY);
    if (configured.isPresent()) {
      String masked = masked(config);
      return "Authenticate with the key of OVPO_BOOTSTRAP_API_KEY ("
          + masked
          + "): export OVPO_API_KEY=\"$OVPO_BOOTSTRAP_API_KEY\"";
    }
    return "Authenticate with a super_admin key of tenant '"
        + config.string(Setting.BOOTSTRAP_TENANT)
        + "' created earlier (the store already holds one, so none was generated):"
        + " export OVPO_API_KEY=<that key>";
  }

  /** The demo's outcome, one line per trace. */
  static List<String> demoSent(String baseUrl, Map<String, Scenario> traces) {
    List<String> out = new ArrayList<>();
    out.add("Demo: " + traces.size() + " jobs sent; the processor settles them within seconds:");
    traces.forEach(
        (id, s) -> out.add("  " + String.format("%-15s", s) + baseUrl + "/v1/traces/" + id));
    return out;
  }

  /** A valid one-item batch (a RUNNING trace) with a fresh trace id, for the first curl. */
  static String firstBatch(UUID traceId, Instant now) {
    String ts = TS.format(now.truncatedTo(ChronoUnit.MILLIS).atOffset(java.time.ZoneOffset.UTC));
    return "{\"items\":[{\"item_type\":\"trace\",\"data\":{"
        + "\"trace_id\":\""
        + traceId
        + "\",\"status\":\"RUNNING\",\"created_at\":\""
        + ts
        + "\",\"started_at\":\""
        + ts
        + "\",\"pipeline_config\":{\"model_name\":\"my-video-model\",\"width\":1280,\"height\":720,"
        + "\"fps\":24,\"num_frames\":48,\"hardware\":{\"gpu_type\":\"H100\",\"gpu_count\":1}},"
        + "\"tags\":{\"env\":\"quickstart\"}}}]}";
  }

  private static String masked(OvpoConfig config) {
    String prefix = Setting.BOOTSTRAP_API_KEY.key() + "=";
    return config.describe().stream()
        .filter(l -> l.startsWith(prefix))
        .map(l -> l.substring(prefix.length()))
        .findFirst()
        .orElse("****");
  }
}
