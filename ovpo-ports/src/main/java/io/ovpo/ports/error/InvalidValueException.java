package io.ovpo.ports.error;

/**
 * A value broke a rule of the v0.08 model. Thrown by model constructors; {@link #field()} is the
 * field name in wire (snake_case) form, relative to the entity, so callers can build a JSON pointer
 * such as {@code /data/start_time}.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private final String field;
  private final String reason;

  public InvalidValueException(String field, String reason) {
    super(field + ": " + reason);
    this.field = field;
    this.reason = reason;
  }

  /** The offending field, wire name, dotted for nested fields ({@code hardware.gpu_count}). */
  public String field() {
    return field;
  }

  /** What is wrong, without the field name. */
  public String reason() {
    return reason;
  }
}
