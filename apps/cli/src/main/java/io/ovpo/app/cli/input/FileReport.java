package io.ovpo.app.cli.input;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What {@link DocumentValidator} found in one file.
 *
 * @param file the file
 * @param shape how it holds its items
 * @param itemCount how many items it holds
 * @param problems every problem, file problems first, then by item
 */
public record FileReport(Path file, InputFile.Shape shape, int itemCount, List<Problem> problems) {
  public FileReport {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(shape, "shape");
    problems = List.copyOf(problems);
  }

  /** True when the file has no problem. */
  public boolean isValid() {
    return problems.isEmpty();
  }

  /** Items with at least one problem (a file holding one entity counts it as its item). */
  public long invalidItemCount() {
    if (shape == InputFile.Shape.ENTITY) {
      return problems.isEmpty() || itemCount == 0 ? 0 : 1;
    }
    return problems.stream().mapToInt(Problem::itemIndex).filter(i -> i >= 0).distinct().count();
  }
}
