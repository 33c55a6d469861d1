package io.ovpo.core.lifecycle;

/** What the processor does with an incoming trace state, given the stored one. */
public enum LifecycleDecision {
  /** Store {@link TraceLifecycle#merge} of the stored and incoming state. */
  APPLY,
  /** The incoming state equals the stored one; nothing to write. */
  NO_OP,
  /** The incoming state is older in the lifecycle (e.g. RUNNING after COMPLETED); drop it. */
  IGNORE_REGRESSION,
  /** The incoming state contradicts a terminal state; drop it and count a lifecycle conflict. */
  REJECT_TERMINAL_CONFLICT
}
