package io.ovpo.app.cli.output;

import java.util.Objects;

/**
 * A table column.
 *
 * @param header the header text
 * @param right right-align the cells (numbers)
 * @param minWidth narrowest the column may be cut to when the table is too wide
 * @param shrinkable whether the column may be cut at all (ids are not)
 * @param keepEnd cut cells at their start rather than their end (file paths: the name matters)
 */
public record Column(
    String header, boolean right, int minWidth, boolean shrinkable, boolean keepEnd) {
  /** Narrowest a text column is cut to. */
  public static final int MIN_TEXT_WIDTH = 8;

  public Column {
    Objects.requireNonNull(header, "header");
    if (minWidth < 1) {
      throw new IllegalArgumentException("minWidth must be >= 1");
    }
  }

  /** A column of the given kind. */
  public Column(String header, boolean right, int minWidth, boolean shrinkable) {
    this(header, right, minWidth, shrinkable, false);
  }

  /** Left-aligned text that may be cut. */
  public static Column text(String header) {
    return new Column(header, false, Math.min(MIN_TEXT_WIDTH, Math.max(1, header.length())), true);
  }

  /** A file path, cut at its start when too long so the file name stays visible. */
  public static Column path(String header) {
    return new Column(
        header, false, Math.min(MIN_TEXT_WIDTH * 2, Math.max(1, header.length())), true, true);
  }

  /** Left-aligned text never cut (ids, statuses). */
  public static Column fixed(String header) {
    return new Column(header, false, Math.max(1, header.length()), false);
  }

  /** A right-aligned number, never cut. */
  public static Column number(String header) {
    return new Column(header, true, Math.max(1, header.length()), false);
  }
}
