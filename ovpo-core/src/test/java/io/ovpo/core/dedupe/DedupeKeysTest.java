package io.ovpo.core.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.SpanStatus;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DedupeKeysTest {
  private final Fixtures fx = Fixtures.forTest("DedupeKeysTest");
  private final ToStringCodec codec = new ToStringCodec();
  private final TraceId trace = fx.traceId();

  @Test
  void window_coversAtLeast24Hours() {
    assertThat(DedupeKeys.WINDOW).isGreaterThanOrEqualTo(Duration.ofHours(24));
  }

  @Test
  void traceKey_includesIdAndContentHash() {
    IngestItem running = new IngestItem.TraceItem(fx.trace().id(trace).build());
    IngestItem completed =
        new IngestItem.TraceItem(fx.trace().id(trace).status(TraceStatus.COMPLETED).build());

    String key = DedupeKeys.key(running, codec);
    assertThat(key).matches("^t:" + trace + ":[0-9a-f]{64}$");
    assertThat(DedupeKeys.key(new IngestItem.TraceItem(fx.trace().id(trace).build()), codec))
        .isEqualTo(key);
    assertThat(DedupeKeys.key(completed, codec)).isNotEqualTo(key);
  }

  @Test
  void spanKey_changesWithAFillIn() {
    var b = fx.span(trace);
    var id = fx.spanId();
    String open = DedupeKeys.key(new IngestItem.SpanItem(b.id(id).open().build()), codec);
    String ended =
        DedupeKeys.key(
            new IngestItem.SpanItem(b.id(id).durationMs(10).status(SpanStatus.OK).build()), codec);
    assertThat(open).startsWith("s:" + id + ":").isNotEqualTo(ended);
  }

  @Test
  void eventAndManifestKeys_areTheIdAlone() {
    var id = fx.eventId();
    IngestItem a = new IngestItem.FrameEventItem(fx.event(trace).id(id).frame(1).build());
    IngestItem b = new IngestItem.FrameEventItem(fx.event(trace).id(id).frame(2).build());
    assertThat(DedupeKeys.key(a, codec)).isEqualTo("e:" + id).isEqualTo(DedupeKeys.key(b, codec));

    var manifest = fx.manifest(trace).build();
    assertThat(DedupeKeys.key(new IngestItem.ManifestItem(manifest), codec))
        .isEqualTo("m:" + manifest.manifestId().value());
  }
}
