package io.ovpo.app.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.io.UncheckedIOException;

/**
 * Writes a command's results to standard output in the {@link OutputFormat} asked for: JSON
 * pretty-printed, tables fitted to the terminal width, CSV untouched.
 */
public final class Printer {
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final PrintWriter out;
  private final OutputFormat format;
  private final int width;
  private final Glyphs glyphs;

  public Printer(PrintWriter out, OutputFormat format, int width, Glyphs glyphs) {
    this.out = out;
    this.format = format;
    this.width = width;
    this.glyphs = glyphs;
  }

  public OutputFormat format() {
    return format;
  }

  /** The terminal width tables are fitted to. */
  public int width() {
    return width;
  }

  public Glyphs glyphs() {
    return glyphs;
  }

  /** True for {@code --output table}, where ovpo adds headings and summaries for people. */
  public boolean isTable() {
    return format == OutputFormat.TABLE;
  }

  /** Prints JSON, pretty. */
  public void json(JsonNode node) {
    try {
      out.println(PRETTY.writeValueAsString(node));
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    out.flush();
  }

  /** Prints the table fitted to the width, or as CSV for {@code --output csv}. */
  public void table(Table table) {
    var lines =
        format == OutputFormat.CSV ? Csv.render(table) : TableRenderer.render(table, width, glyphs);
    lines.forEach(out::println);
    out.flush();
  }

  /** The JSON for {@code --output json}, else the table. */
  public void rows(Table table, JsonNode json) {
    if (format == OutputFormat.JSON) {
      json(json);
    } else {
      table(table);
    }
  }

  /** A line of text as it is. */
  public void line(String text) {
    out.println(text);
    out.flush();
  }

  /** An aligned block of {@code name value} lines. */
  public void keyValues(KeyValues kv) {
    kv.lines().forEach(out::println);
    out.flush();
  }
}
