package io.ovpo.ports.in;

/** An envelope that can never be processed (undecodable payload, hash mismatch): dead-letter it. */
public final class PoisonMessageException extends RuntimeException {
  public PoisonMessageException(String reason, Throwable cause) {
    super(reason, cause);
  }
}
