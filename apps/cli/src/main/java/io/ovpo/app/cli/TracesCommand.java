package io.ovpo.app.cli;

import picocli.CommandLine.Command;

/** {@code ovpo traces list|get}. */
@Command(
    name = "traces",
    description = "List traces and show one trace (GET /v1/traces, GET /v1/traces/{trace_id}).",
    subcommands = {TracesListCommand.class, TracesGetCommand.class})
final class TracesCommand extends GroupCommand {}
