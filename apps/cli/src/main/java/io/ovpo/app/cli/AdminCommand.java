package io.ovpo.app.cli;

import picocli.CommandLine.Command;

/** {@code ovpo admin ...}: tenants, keys, legal holds, retention, user deletion, audit. */
@Command(
    name = "admin",
    description =
        "Administration (admin and super_admin keys): tenants, API keys, legal holds,"
            + " retention, GDPR user deletion, the audit trail.",
    subcommands = {
      TenantsCommand.class,
      KeysCommand.class,
      LegalHoldCommand.class,
      RetentionCommand.class,
      GdprCommand.class,
      AuditCommand.class
    })
final class AdminCommand extends GroupCommand {}
