package io.ovpo.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.testkit.Fixtures;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The row codec alone: what {@link EventRows#write} sends reads back as the same event. */
class EventRowsTest {
  private final Fixtures fx = new Fixtures(11);
  private final TenantId tenant = fx.tenant();

  @Test
  void fullEvent_roundTripsExactly() throws IOException {
    StoredFrameEvent full =
        fx.event(fx.traceId()).full().frame(12).type(EventType.GPU_SAMPLE).stored();
    assertThat(roundTrip(full)).isEqualTo(full);
  }

  @Test
  void bareEvent_roundTripsExactly() throws IOException {
    StoredFrameEvent bare = fx.event(fx.traceId()).frame(0).stored();
    assertThat(roundTrip(bare)).isEqualTo(bare);
  }

  @Test
  void attributesOfEveryType_keepTheirJavaTypes() throws IOException {
    Attributes attributes =
        Attributes.of(
            Map.of(
                "custom.text",
                "quote ' backslash \\ newline \n unicode é ✓",
                "custom.long",
                9_007_199_254_740_993L,
                "custom.whole_double",
                3.0,
                "custom.tiny",
                4.9e-324,
                "custom.flag",
                false,
                "custom.list",
                List.of("a", 1L, 2.5, true)));
    FrameEvent e = fx.event(fx.traceId()).build();
    StoredFrameEvent s =
        new StoredFrameEvent(
            new FrameEvent(
                e.eventId(),
                e.traceId(),
                e.spanId(),
                e.eventType(),
                e.frameIndex(),
                e.mediaTimeMs(),
                e.observedAt(),
                e.qualityMetrics(),
                e.gpu(),
                e.thumbnail(),
                attributes),
            e.observedAt());
    assertThat(roundTrip(s).event().attributes()).isEqualTo(attributes);
  }

  @Test
  void vramBits_orderLikeTheValues() throws IOException {
    // max(gpu_vram_bits) is the exact peak only if non-negative doubles sort like their bits
    double[] ascending = {0.0, 4.9e-324, 1e-300, 0.5, 1.0, 61_440.5, 61_440.500000000007, 1e300};
    for (int i = 1; i < ascending.length; i++) {
      assertThat(Double.doubleToLongBits(ascending[i]))
          .isGreaterThan(Double.doubleToLongBits(ascending[i - 1]));
    }
  }

  private StoredFrameEvent roundTrip(StoredFrameEvent s) throws IOException {
    byte[] line = EventRows.write(tenant, s, 1);
    List<Row> rows = Row.readAll(new ByteArrayInputStream(line));
    assertThat(rows).hasSize(1);
    return EventRows.read(rows.get(0));
  }
}
