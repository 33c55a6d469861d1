package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.time.Instant;

/** An envelope the processor gave up on, with the reason, for an operator to inspect or replay. */
public record DeadLetter(Envelope envelope, String reason, Instant deadLetteredAt) {
  public DeadLetter {
    Checks.notNull("envelope", envelope);
    Checks.length("reason", reason, 1, 4096);
    Checks.notNull("dead_lettered_at", deadLetteredAt);
  }
}
