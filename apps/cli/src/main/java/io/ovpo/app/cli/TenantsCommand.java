package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Column;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.Table;
import io.ovpo.wire.WireJson;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ovpo admin tenants create|list} (super_admin). */
@Command(
    name = "tenants",
    description = "Create and list tenants (super_admin).",
    subcommands = {TenantsCommand.Create.class, TenantsCommand.ListTenants.class})
final class TenantsCommand extends GroupCommand {
  /**
   * Table: one line per tenant, RETENTION_DAYS as traces/frame events/artifacts[/audit] days; CSV:
   * every field.
   */
  static Table table(List<JsonNode> tenants, boolean compact) {
    Table t =
        compact
            ? Table.of(
                Column.fixed("TENANT_ID"),
                Column.text("NAME"),
                Column.fixed("CREATED"),
                Column.text("TIER"),
                Column.text("PROFILE"),
                Column.text("RETENTION_DAYS"))
            : Table.of(
                Column.fixed("TENANT_ID"),
                Column.text("NAME"),
                Column.fixed("CREATED_AT"),
                Column.fixed("RATE_TIER"),
                Column.fixed("HARDWARE_PROFILE"),
                Column.fixed("DEFAULT_LEGAL_HOLD"),
                Column.number("TRACES_DAYS"),
                Column.number("FRAME_EVENTS_DAYS"),
                Column.number("ARTIFACTS_DAYS"),
                Column.number("AUDIT_DAYS"));
    for (JsonNode tn : tenants) {
      JsonNode c = tn.path("config");
      JsonNode r = c.path("retention");
      String audit = r.path("audit_days").isNumber() ? r.path("audit_days").asText() : "";
      String created = Formats.text(tn, "created_at");
      if (compact) {
        t.row(
            Formats.text(tn, "tenant_id"),
            Formats.text(tn, "name"),
            created.length() >= 10 ? created.substring(0, 10) : created,
            Formats.text(c, "rate_tier"),
            Formats.text(c, "hardware_profile"),
            r.path("traces_days").asText()
                + "/"
                + r.path("frame_events_days").asText()
                + "/"
                + r.path("artifacts_days").asText()
                + (audit.isEmpty() ? "" : "/" + audit));
      } else {
        t.row(
            Formats.text(tn, "tenant_id"),
            Formats.text(tn, "name"),
            created,
            Formats.text(c, "rate_tier"),
            Formats.text(c, "hardware_profile"),
            Formats.text(c, "default_legal_hold"),
            r.path("traces_days").asText(),
            r.path("frame_events_days").asText(),
            r.path("artifacts_days").asText(),
            audit);
      }
    }
    return t;
  }

  /** {@code ovpo admin tenants create ID}. */
  @Command(name = "create", description = "Create a tenant (POST /v1/admin/tenants).")
  static final class Create extends BaseCommand {
    @Parameters(index = "0", paramLabel = "TENANT_ID", description = "^[a-z0-9][a-z0-9_-]{2,62}$")
    String tenantId;

    @Option(names = "--name", paramLabel = "NAME", description = "Display name (default: the id).")
    String name;

    @Override
    public Integer call() {
      ObjectNode body = WireJson.object();
      body.put("tenant_id", Ids.tenant(tenantId));
      Optional.ofNullable(name).ifPresent(n -> body.put("name", n));
      JsonNode r =
          client().sendJson("POST", "/v1/admin/tenants", Query.create(), Optional.of(body));
      var p = printer();
      p.rows(table(List.of(r), p.isTable()), r);
      return ExitCodes.OK;
    }
  }

  /** {@code ovpo admin tenants list}. */
  @Command(name = "list", description = "List every tenant (GET /v1/admin/tenants).")
  static final class ListTenants extends BaseCommand {
    @Override
    public Integer call() {
      JsonNode r = client().get("/v1/admin/tenants", Query.create());
      List<JsonNode> tenants = new java.util.ArrayList<>();
      r.path("data").forEach(tenants::add);
      var p = printer();
      p.rows(table(tenants, p.isTable()), r);
      return ExitCodes.OK;
    }
  }
}
