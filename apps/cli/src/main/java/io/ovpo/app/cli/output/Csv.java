package io.ovpo.app.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 comma-separated values: a header row, then one line per row; a field holding a comma, a
 * quote or a line break is quoted, quotes doubled. Lines end with LF. Cells are never cut.
 */
public final class Csv {
  private Csv() {}

  /** The lines of the table as CSV, header first. */
  public static List<String> render(Table table) {
    List<String> lines = new ArrayList<>();
    lines.add(line(table.columns().stream().map(Column::header).toList()));
    for (List<String> r : table.rows()) {
      lines.add(line(r));
    }
    return lines;
  }

  private static String line(List<String> cells) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      sb.append(field(cells.get(i)));
    }
    return sb.toString();
  }

  /** One field, quoted when needed. */
  static String field(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return "\"" + s.replace("\"", "\"\"") + "\"";
  }
}
