package io.ovpo.wire;

import io.ovpo.ports.error.ErrorCode;
import java.util.Objects;

/**
 * A JSON value could not be turned into a model record. {@link #pointer()} is an RFC 6901 JSON
 * pointer to the offending value ({@code /data/pipeline_config/hardware/gpu_count}); {@link
 * #code()} is {@link ErrorCode#SCHEMA_VIOLATION} when the JSON has the wrong shape (a missing
 * field, a wrong type: what the schema would have caught) and {@link ErrorCode#SEMANTIC_VIOLATION}
 * when a model rule refused a well-shaped value.
 */
public final class WireValueException extends IllegalArgumentException {
  private final String pointer;
  private final String reason;
  private final ErrorCode code;

  public WireValueException(ErrorCode code, String pointer, String reason) {
    super((pointer.isEmpty() ? "(root)" : pointer) + ": " + reason);
    this.code = Objects.requireNonNull(code, "code");
    this.pointer = pointer;
    this.reason = reason;
  }

  /** JSON pointer of the offending value; "" for the document itself. */
  public String pointer() {
    return pointer;
  }

  /** What is wrong, without the pointer. */
  public String reason() {
    return reason;
  }

  /** SCHEMA_VIOLATION for a shape problem, SEMANTIC_VIOLATION for a model rule. */
  public ErrorCode code() {
    return code;
  }
}
