package io.ovpo.app.cli;

import picocli.CommandLine.Command;

/** {@code ovpo analytics bottlenecks} and {@code frames}. */
@Command(
    name = "analytics",
    description = "Span and frame statistics (GET /v1/analytics/...).",
    subcommands = {BottlenecksCommand.class, FramesCommand.class})
final class AnalyticsCommand extends GroupCommand {}
