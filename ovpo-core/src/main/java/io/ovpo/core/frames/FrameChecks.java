package io.ovpo.core.frames;

import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Frame checks of spec chapter 04 (DESIGN.md section 5). Per event type, events are taken in
 * (frame_index, observed_at, event_id) order, never arrival order, so the verdict depends only on
 * the set of events:
 *
 * <ul>
 *   <li>media_time_ms must not decrease ({@code MEDIA_TIME_DECREASED});
 *   <li>a frame_index must not repeat under another event_id ({@code DUPLICATE_FRAME_INDEX});
 *   <li>observed_at must not fall more than 5 s below the maximum seen so far ({@code
 *       OBSERVED_AT_REGRESSION});
 *   <li>observed_at must not lie more than 5 s after the event's receive time ({@code
 *       OBSERVED_AT_IN_FUTURE}).
 * </ul>
 *
 * <p>All four rules apply to every event type, GPU_SAMPLE included: a sampler emits one sample per
 * frame_index like the other types, and a repeated index or a backwards media time there is as much
 * a sign of a broken pipeline as anywhere else. Once the trace is terminal and has expected_frames,
 * the distinct frame indexes of FRAME_GENERATED (FRAME_DECODED when there is no FRAME_GENERATED)
 * are compared with 0..expected-1 ({@code MISSING_FRAMES}). A client-reported PARTIAL adds {@code
 * REPORTED_BY_CLIENT}. An event_id appearing twice in the input counts once.
 */
public final class FrameChecks {
  /** Clock-skew tolerance of the observed_at rules. */
  public static final Duration SKEW_TOLERANCE = Duration.ofSeconds(5);

  /** Total order of the checks; received_at and the rest only break ties of duplicate ids. */
  static final Comparator<StoredFrameEvent> ORDER =
      Comparator.<StoredFrameEvent>comparingLong(s -> s.event().frameIndex())
          .thenComparing(s -> s.event().observedAt())
          .thenComparing(s -> s.event().eventId())
          .thenComparing(StoredFrameEvent::receivedAt)
          .thenComparingLong(s -> s.event().mediaTimeMs())
          .thenComparing(s -> s.event().eventType());

  private FrameChecks() {}

  /** The verdict on {@code events} (all of one trace, in any order) for {@code trace}. */
  public static Completeness check(Trace trace, List<StoredFrameEvent> events) {
    Objects.requireNonNull(trace, "trace");
    ReasonCollector out = new ReasonCollector();
    if (trace.status() == TraceStatus.PARTIAL) {
      out.reportedByClient();
    }
    Map<EventType, List<StoredFrameEvent>> byType = sortedByType(events);
    for (var entry : byType.entrySet()) {
      checkSequence(entry.getKey(), entry.getValue(), out);
    }
    if (trace.status().isTerminal() && trace.expectedFrames().isPresent()) {
      List<StoredFrameEvent> frames = byType.getOrDefault(EventType.FRAME_GENERATED, List.of());
      if (frames.isEmpty()) {
        frames = byType.getOrDefault(EventType.FRAME_DECODED, List.of());
      }
      MissingFrames.check(trace.expectedFrames().getAsInt(), frames, out);
    }
    return out.build();
  }

  /** PARTIAL when the client reported COMPLETED and the checks found reasons; else as reported. */
  public static TraceStatus effectiveStatus(Trace trace, Completeness completeness) {
    return trace.status() == TraceStatus.COMPLETED && !completeness.isComplete()
        ? TraceStatus.PARTIAL
        : trace.status();
  }

  private static Map<EventType, List<StoredFrameEvent>> sortedByType(
      List<StoredFrameEvent> events) {
    List<StoredFrameEvent> sorted = new ArrayList<>(events);
    sorted.sort(ORDER);
    Set<Object> seenIds = new HashSet<>();
    Map<EventType, List<StoredFrameEvent>> byType = new EnumMap<>(EventType.class);
    for (StoredFrameEvent s : sorted) {
      if (!seenIds.add(s.event().eventId())) {
        continue;
      }
      byType.computeIfAbsent(s.event().eventType(), t -> new ArrayList<>()).add(s);
    }
    return byType;
  }

  private static void checkSequence(
      EventType type, List<StoredFrameEvent> sorted, ReasonCollector out) {
    FrameEvent previous = null;
    Instant maxObserved = null;
    for (StoredFrameEvent stored : sorted) {
      FrameEvent e = stored.event();
      if (e.observedAt().isAfter(stored.receivedAt().plus(SKEW_TOLERANCE))) {
        out.observedAtInFuture(type, e, stored.receivedAt());
      }
      if (previous != null) {
        if (e.frameIndex() == previous.frameIndex()) {
          out.duplicateFrameIndex(type, e, previous);
        }
        if (e.mediaTimeMs() < previous.mediaTimeMs()) {
          out.mediaTimeDecreased(type, e, previous);
        }
        if (e.observedAt().plus(SKEW_TOLERANCE).isBefore(maxObserved)) {
          out.observedAtRegression(type, e, maxObserved);
        }
      }
      if (maxObserved == null || e.observedAt().isAfter(maxObserved)) {
        maxObserved = e.observedAt();
      }
      previous = e;
    }
  }
}
