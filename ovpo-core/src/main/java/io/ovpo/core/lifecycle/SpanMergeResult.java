package io.ovpo.core.lifecycle;

import io.ovpo.ports.model.Span;

/** Outcome of merging a re-sent span into the stored one. */
public sealed interface SpanMergeResult
    permits SpanMergeResult.Merged, SpanMergeResult.Unchanged, SpanMergeResult.Conflict {

  /** The incoming span filled in fields; store {@code span}. */
  record Merged(Span span) implements SpanMergeResult {}

  /** The incoming span adds nothing; nothing to store. */
  record Unchanged() implements SpanMergeResult {}

  /** The incoming span changes a field already set; nothing is stored. */
  record Conflict(String field, String reason) implements SpanMergeResult {}
}
