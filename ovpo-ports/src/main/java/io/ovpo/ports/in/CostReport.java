package io.ovpo.ports.in;

import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.TraceId;
import java.util.List;
import java.util.Map;

/**
 * Compute units of the requested traces, each with its profile name and version; ids the tenant
 * does not have are listed in {@code notFound}.
 */
public record CostReport(Map<TraceId, ComputeCost> traces, List<TraceId> notFound) {
  public CostReport {
    traces = Map.copyOf(traces);
    notFound = List.copyOf(notFound);
  }
}
