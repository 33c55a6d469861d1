package io.ovpo.ports.error;

/**
 * A backend could not be reached or refused the operation for a reason that may pass (connection
 * lost, timeout, serialization failure). Callers retry with backoff; nothing was written, or the
 * write was idempotent.
 */
public class StoreUnavailableException extends RuntimeException {
  private final String backend;

  public StoreUnavailableException(String backend, String message, Throwable cause) {
    super(backend + ": " + message, cause);
    this.backend = backend;
  }

  /** Short backend name for metrics labels: {@code postgres}, {@code clickhouse}, ... */
  public String backend() {
    return backend;
  }
}
