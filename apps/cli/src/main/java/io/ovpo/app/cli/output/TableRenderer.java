package io.ovpo.app.cli.output;

import java.util.ArrayList;
import java.util.List;

/**
 * Lays a {@link Table} out in a given width: columns two spaces apart, each as wide as its widest
 * cell; when that is too wide, the widest shrinkable column is narrowed one character at a time
 * (never below its minimum) and its cells are cut with an ellipsis. Cells are single-line: line
 * breaks and tabs become spaces.
 */
public final class TableRenderer {
  static final String GAP = "  ";

  private TableRenderer() {}

  /** The lines of the table, header first, no trailing blanks. */
  public static List<String> render(Table table, int width, Glyphs glyphs) {
    List<Column> cols = table.columns();
    List<List<String>> rows = new ArrayList<>();
    for (List<String> r : table.rows()) {
      rows.add(r.stream().map(TableRenderer::oneLine).toList());
    }
    int[] widths = fit(cols, rows, width);
    List<String> lines = new ArrayList<>();
    lines.add(line(cols, cols.stream().map(Column::header).toList(), widths, glyphs));
    for (List<String> r : rows) {
      lines.add(line(cols, r, widths, glyphs));
    }
    return lines;
  }

  /** Column widths that fit {@code width} as far as the minimums allow. */
  static int[] fit(List<Column> cols, List<List<String>> rows, int width) {
    int n = cols.size();
    int[] w = new int[n];
    for (int i = 0; i < n; i++) {
      w[i] = cols.get(i).header().length();
      for (List<String> r : rows) {
        w[i] = Math.max(w[i], r.get(i).length());
      }
    }
    int total = GAP.length() * (n - 1);
    for (int x : w) {
      total += x;
    }
    while (total > width) {
      int widest = -1;
      for (int i = 0; i < n; i++) {
        Column c = cols.get(i);
        if (c.shrinkable() && w[i] > c.minWidth() && (widest < 0 || w[i] > w[widest])) {
          widest = i;
        }
      }
      if (widest < 0) {
        break; // every column is at its minimum: let the terminal wrap
      }
      w[widest]--;
      total--;
    }
    return w;
  }

  private static String line(List<Column> cols, List<String> cells, int[] widths, Glyphs g) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cols.size(); i++) {
      if (i > 0) {
        sb.append(GAP);
      }
      String cell =
          cols.get(i).keepEnd()
              ? cutStart(cells.get(i), widths[i], g)
              : cut(cells.get(i), widths[i], g);
      String pad = " ".repeat(widths[i] - cell.length());
      if (cols.get(i).right()) {
        sb.append(pad).append(cell);
      } else {
        sb.append(cell).append(pad);
      }
    }
    return stripTrailing(sb.toString());
  }

  /** The text cut to {@code width} characters, ending in the ellipsis when cut. */
  static String cut(String text, int width, Glyphs g) {
    if (text.length() <= width) {
      return text;
    }
    int keep = Math.max(0, width - g.ellipsis().length());
    return text.substring(0, keep)
        + g.ellipsis().substring(0, Math.min(width, g.ellipsis().length()));
  }

  /** The text cut to {@code width} characters at its start, beginning with the ellipsis. */
  static String cutStart(String text, int width, Glyphs g) {
    if (text.length() <= width) {
      return text;
    }
    int keep = Math.max(0, width - g.ellipsis().length());
    return g.ellipsis().substring(0, Math.min(width, g.ellipsis().length()))
        + text.substring(text.length() - keep);
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
  }

  private static String stripTrailing(String s) {
    int end = s.length();
    while (end > 0 && s.charAt(end - 1) == ' ') {
      end--;
    }
    return s.substring(0, end);
  }
}
