package io.ovpo.app.query;

import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.model.TraceId;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/** {@code trace_ids} of {@code GET /v1/analytics/costs/calculate}: 1..100 distinct ids. */
final class CostParams {
  static final int MAX_IDS = 100;

  private CostParams() {}

  /** The distinct ids in order of first occurrence. */
  static List<TraceId> traceIds(QueryParams p) {
    String raw =
        p.single("trace_ids")
            .orElseThrow(() -> QueryParams.invalid("parameter 'trace_ids' is required"));
    LinkedHashSet<TraceId> ids = new LinkedHashSet<>();
    for (String s : raw.split(",", -1)) {
      try {
        ids.add(TraceId.of(s.trim()));
      } catch (InvalidValueException e) {
        throw QueryParams.invalid(
            "parameter 'trace_ids' must list lower-case UUID v4 ids separated by commas");
      }
      if (ids.size() > MAX_IDS) {
        throw QueryParams.invalid(
            "parameter 'trace_ids' must list at most " + MAX_IDS + " distinct ids");
      }
    }
    return new ArrayList<>(ids);
  }
}
