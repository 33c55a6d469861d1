package io.ovpo.ports.error;

/**
 * The ingest queue did not confirm a publish. The collector answers 503 and acknowledges nothing.
 */
public final class QueueUnavailableException extends StoreUnavailableException {
  public QueueUnavailableException(String backend, String message, Throwable cause) {
    super(backend, message, cause);
  }
}
