package io.ovpo.core.service;

import io.ovpo.ports.model.FrameTimelinePoint;
import io.ovpo.ports.model.TraceId;
import java.util.List;
import java.util.Objects;

/**
 * A stored trace's frame timeline (spec 05 §6.5).
 *
 * @param window frame indexes per point
 * @param frameEventsExpired retention removed the trace's frame events, so the points are gone
 * @param points one per window holding events, ordered by first frame
 */
public record FrameTimeline(
    TraceId traceId, int window, boolean frameEventsExpired, List<FrameTimelinePoint> points) {
  public FrameTimeline {
    Objects.requireNonNull(traceId, "traceId");
    points = List.copyOf(points);
  }
}
