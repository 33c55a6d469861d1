package io.ovpo.schemas;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of validating one file.
 *
 * @param file the file
 * @param type what it was validated as; empty when it could not be parsed or its type not told
 * @param errors empty when valid; a batch file's item errors carry their item index
 */
public record FileResult(Path file, Optional<EntityType> type, List<ValidationError> errors) {
  public FileResult {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(type, "type");
    errors = List.copyOf(errors);
  }

  /** True when the file holds a valid document. */
  public boolean isValid() {
    return errors.isEmpty();
  }
}
