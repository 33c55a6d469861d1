package io.ovpo.app.cli.output;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Rows of text cells under {@link Column}s; rendered by {@link Printer} as a table or CSV. */
public final class Table {
  private final List<Column> columns;
  private final List<List<String>> rows = new ArrayList<>();

  private Table(List<Column> columns) {
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("a table needs a column");
    }
    this.columns = List.copyOf(columns);
  }

  /** A table with these columns. */
  public static Table of(Column... columns) {
    return new Table(Arrays.asList(columns));
  }

  /** A table with these columns. */
  public static Table of(List<Column> columns) {
    return new Table(columns);
  }

  /**
   * Adds a row; null cells become empty.
   *
   * @throws IllegalArgumentException when the cell count is not the column count
   */
  public Table row(String... cells) {
    return row(Arrays.asList(cells));
  }

  /** Adds a row; null cells become empty. */
  public Table row(List<String> cells) {
    if (cells.size() != columns.size()) {
      throw new IllegalArgumentException(
          "row of " + cells.size() + " cells for " + columns.size() + " columns");
    }
    List<String> row = new ArrayList<>(cells.size());
    for (String c : cells) {
      row.add(c == null ? "" : c);
    }
    rows.add(List.copyOf(row));
    return this;
  }

  public List<Column> columns() {
    return columns;
  }

  public List<List<String>> rows() {
    return List.copyOf(rows);
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }
}
