package io.ovpo.wire;

import static io.ovpo.wire.Fixtures.T0;
import static io.ovpo.wire.ModelWriterTest.assertJson;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.FrameMetricBucket;
import io.ovpo.ports.model.FrameTimelinePoint;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TraceId;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

/** The frame-analytics bodies of spec 05 §6.4-6.5. */
class FrameAnalyticsJsonTest {
  @Test
  void frameActivity_echoesMetricBucketAndRange() {
    assertJson(
        ModelWriter.frameActivity(
            "frame_failure_rate",
            BucketWidth.DAY,
            T0,
            T0.plusSeconds(86_400),
            List.of(new TimeBucket(T0, 0.25, 4))),
        "{'metric':'frame_failure_rate','bucket':'day','from':'2025-03-01T12:00:00.000Z',"
            + "'to':'2025-03-02T12:00:00.000Z',"
            + "'data':[{'start':'2025-03-01T12:00:00.000Z','value':0.25,'count':4}]}");
  }

  @Test
  void frameMetricSeries_givesCountAverageAndPercentiles() {
    assertJson(
        ModelWriter.frameMetricSeries(
            FrameMetric.GPU_TEMPERATURE_C,
            BucketWidth.HOUR,
            T0,
            T0.plusSeconds(3600),
            List.of(new FrameMetricBucket(T0, 20, 70.5, 79.0, 80.0))),
        "{'metric':'gpu_temperature_c','bucket':'hour','from':'2025-03-01T12:00:00.000Z',"
            + "'to':'2025-03-01T13:00:00.000Z','data':[{'start':'2025-03-01T12:00:00.000Z',"
            + "'count':20,'avg':70.5,'p95':79.0,'p99':80.0}]}");
  }

  @Test
  void frameTimeline_writesEveryMember_withNullPeakVramWithoutGpu() {
    TraceId trace = TraceId.of(Json.TRACE_ID);
    FrameTimelinePoint withGpu =
        new FrameTimelinePoint(
            0,
            Map.of(EventType.FRAME_GENERATED, 24L, EventType.GPU_SAMPLE, 6L),
            Map.of(FrameMetric.CLIP_SIMILARITY, 0.5, FrameMetric.VRAM_USED_MB, 40_000.0),
            OptionalDouble.of(40_960.0),
            T0,
            T0.plusMillis(900));
    FrameTimelinePoint plain =
        new FrameTimelinePoint(
            24, Map.of(EventType.FRAME_ERROR, 1L), Map.of(), OptionalDouble.empty(), T0, T0);
    assertJson(
        ModelWriter.frameTimeline(trace, 24, false, List.of(withGpu, plain)),
        "{'trace_id':'"
            + Json.TRACE_ID
            + "','window':24,'frame_events_expired':false,'data':["
            + "{'first_frame':0,'event_count':30,"
            + "'events_by_type':{'FRAME_GENERATED':24,'GPU_SAMPLE':6},"
            + "'averages':{'clip_similarity':0.5,'vram_used_mb':40000.0},"
            + "'peak_vram_mb':40960.0,'first_observed_at':'2025-03-01T12:00:00.000Z',"
            + "'last_observed_at':'2025-03-01T12:00:00.900Z'},"
            + "{'first_frame':24,'event_count':1,'events_by_type':{'FRAME_ERROR':1},"
            + "'averages':{},'peak_vram_mb':null,'first_observed_at':'2025-03-01T12:00:00.000Z',"
            + "'last_observed_at':'2025-03-01T12:00:00.000Z'}]}");
  }
}
