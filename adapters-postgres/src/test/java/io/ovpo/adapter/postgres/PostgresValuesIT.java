package io.ovpo.adapter.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Hardware;
import io.ovpo.ports.model.PipelineConfig;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.testkit.Fixtures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Values at the edges of what JSONB and timestamptz keep, through a real PostgreSQL: doubles that
 * jsonb would print as integers, 64-bit extremes, Unicode, empty strings.
 */
@ExtendWith(PostgresExtension.class)
class PostgresValuesIT {
  private Fixtures fx;

  @BeforeEach
  void seed(TestInfo test) {
    fx = Fixtures.forTest(test.getDisplayName());
  }

  @Test
  void attributeNumbers_keepTheirKindAndValue(TestDatabase db) {
    TenantId tenant = fx.tenant();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("custom.integral_double", 3.0E10);
    values.put("custom.huge_double", 1.0E300);
    values.put("custom.tiny_double", 4.9E-324);
    values.put("custom.two", 2.0);
    values.put("custom.max_long", Long.MAX_VALUE);
    values.put("custom.min_long", Long.MIN_VALUE);
    values.put("custom.empty", "");
    values.put("custom.unicode", "ünïcödé ✓ 日本 \"q\" \\ \n");
    values.put("custom.list", List.of(1.0E20, -7L, false, "s"));
    Span span = fx.span(fx.traceId()).attributes(values).build();
    db.storage().spans().upsert(tenant, List.of(span));
    assertThat(db.storage().spans().byTrace(tenant, span.traceId())).containsExactly(span);
  }

  @Test
  void traceEdgeValues_roundTrip(TestDatabase db) {
    TenantId tenant = fx.tenant();
    Trace base = fx.trace().full().build();
    PipelineConfig config =
        new PipelineConfig(
            "m",
            Optional.empty(),
            16384,
            1,
            1000,
            10_000_000,
            OptionalInt.of(10_000),
            OptionalDouble.of(100),
            OptionalLong.of(Long.MAX_VALUE),
            Optional.of("ünï ✓"),
            new Hardware("RTX 4090", 1024));
    Trace trace =
        new Trace(
            base.traceId(),
            base.status(),
            base.createdAt(),
            base.startedAt(),
            base.endedAt(),
            Optional.of(config),
            Optional.empty(),
            base.promptHash(),
            base.userIdHash(),
            Tags.of(Map.of("k.x-y_z", "", "a", "ü".repeat(256))),
            base.attributes(),
            base.failure(),
            OptionalInt.of(0),
            false);
    TraceRecord r = fx.record(tenant, trace).cost(1.0E20).build();
    assertThat(db.storage().traces().put(r, 0)).isTrue();
    assertThat(db.storage().traces().get(tenant, trace.traceId())).contains(r);
  }

  @Test
  void qualityMetricsAtTheirBounds_roundTrip(TestDatabase db) {
    TenantId tenant = fx.tenant();
    StoredFrameEvent e = fx.event(fx.traceId()).full().stored();
    QualityMetrics bounds =
        new QualityMetrics(
            Map.of(
                QualityMetrics.CLIP_SIMILARITY,
                -1.0,
                QualityMetrics.AESTHETIC_SCORE,
                10.0,
                QualityMetrics.TEMPORAL_CONSISTENCY,
                0.0,
                "custom_score",
                -1.0E-300));
    StoredFrameEvent edge =
        new StoredFrameEvent(
            new io.ovpo.ports.model.FrameEvent(
                e.event().eventId(),
                e.event().traceId(),
                e.event().spanId(),
                e.event().eventType(),
                10_000_000,
                9_007_199_254_740_992L,
                e.event().observedAt(),
                bounds,
                e.event().gpu(),
                e.event().thumbnail(),
                e.event().attributes()),
            e.receivedAt());
    db.storage().frameEvents().append(tenant, List.of(edge));
    assertThat(
            db.storage()
                .frameEvents()
                .byTrace(tenant, edge.event().traceId(), Optional.empty(), 10))
        .containsExactly(edge);
  }
}
