package io.ovpo.ports.in;

/**
 * What processing one envelope did.
 *
 * @param stored items that changed stored state
 * @param duplicates items already seen (no side effect)
 * @param ignored out-of-order lifecycle regressions and items of deleted traces
 * @param conflicts updates refused by the lifecycle (e.g. a terminal trace told to change)
 */
public record ProcessingResult(int stored, int duplicates, int ignored, int conflicts) {}
