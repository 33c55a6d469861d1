package io.ovpo.app.cli;

import picocli.CommandLine.Command;

/** {@code ovpo costs calculate}. */
@Command(
    name = "costs",
    description = "Compute units (GET /v1/analytics/costs/calculate).",
    subcommands = {CostsCalculateCommand.class})
final class CostsCommand extends GroupCommand {}
