package io.ovpo.app.cli;

import picocli.CommandLine.Command;

/** {@code ovpo analytics bottlenecks}. */
@Command(
    name = "analytics",
    description = "Span statistics (GET /v1/analytics/...).",
    subcommands = {BottlenecksCommand.class})
final class AnalyticsCommand extends GroupCommand {}
