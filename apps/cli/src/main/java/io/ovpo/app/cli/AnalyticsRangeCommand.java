package io.ovpo.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.cli.http.Query;
import io.ovpo.app.cli.output.Formats;
import io.ovpo.app.cli.output.Printer;
import io.ovpo.app.cli.output.Table;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * What the {@code ovpo analytics} commands share: the [--from, --to) range they send, and a table
 * under a line naming the range the server answered for.
 */
abstract class AnalyticsRangeCommand extends BaseCommand {
  @Option(
      names = "--from",
      paramLabel = "TIME",
      converter = TimeArg.class,
      description = "Start (inclusive): RFC 3339, a date, or an age like 24h, 7d.")
  String from;

  @Option(
      names = "--to",
      paramLabel = "TIME",
      converter = TimeArg.class,
      description = "End (exclusive), same forms.")
  String to;

  /** {@code query} with the range's bounds that were given; the server defaults the others. */
  Query withRange(Query query) {
    return query.add("from", Optional.ofNullable(from)).add("to", Optional.ofNullable(to));
  }

  /**
   * Prints the rows; as a table, first {@code heading} and the response's range, and {@code
   * emptyNote} instead of an empty table.
   */
  int print(String heading, Table rows, JsonNode response, String emptyNote) {
    Printer p = printer();
    if (p.isTable()) {
      p.line(
          heading
              + Formats.time(Formats.text(response, "from"), true)
              + " to "
              + Formats.time(Formats.text(response, "to"), true)
              + " UTC");
      if (rows.isEmpty()) {
        p.line(emptyNote);
        return ExitCodes.OK;
      }
    }
    p.rows(rows, response);
    return ExitCodes.OK;
  }
}
