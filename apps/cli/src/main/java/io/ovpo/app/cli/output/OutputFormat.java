package io.ovpo.app.cli.output;

/** What {@code --output} selects. */
public enum OutputFormat {
  /** Aligned columns fitted to the terminal width, for people. */
  TABLE,
  /** The server's JSON (or ovpo's own, for offline commands), pretty-printed, for programs. */
  JSON,
  /** RFC 4180 comma-separated values with a header row, for spreadsheets. */
  CSV
}
