package io.ovpo.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.core.service.EnvelopePacker.IndexedItem;
import io.ovpo.core.service.EnvelopePacker.Packed;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemJson;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ItemCodec;
import io.ovpo.testkit.Fixtures;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Items that come with their JSON as received reach the codec with it, per trace, in order. */
class EnvelopePackerTest {
  private final Fixtures fx = Fixtures.forTest("EnvelopePackerTest");
  private final List<List<Optional<ItemJson>>> received = new ArrayList<>();

  /** Records what it is handed; the payload is the received bytes, or the records' text. */
  private final ItemCodec codec =
      new ItemCodec() {
        @Override
        public byte[] encode(List<IngestItem> items) {
          return items.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] encode(List<IngestItem> items, List<Optional<ItemJson>> json) {
          received.add(List.copyOf(json));
          StringBuilder sb = new StringBuilder();
          for (int i = 0; i < items.size(); i++) {
            sb.append(
                json.get(i)
                    .map(j -> new String(j.bytes(), StandardCharsets.UTF_8))
                    .orElse(items.get(i).toString()));
          }
          return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public List<IngestItem> decode(byte[] payload) {
          throw new UnsupportedOperationException();
        }
      };

  @Test
  void receivedJson_isHandedToTheCodec_perTraceInBatchOrder() {
    TraceId a = fx.traceId();
    TraceId b = fx.traceId();
    byte[] body = "{\"e\":0}{\"e\":1}".getBytes(StandardCharsets.UTF_8);
    ItemJson first = new ItemJson(body, 0, 7);
    ItemJson second = new ItemJson(body, 7, 7);
    List<IndexedItem> items =
        List.of(
            new IndexedItem(0, event(a), Optional.of(first)),
            new IndexedItem(1, event(b), Optional.empty()),
            new IndexedItem(2, event(a), Optional.of(second)));

    Packed packed =
        new EnvelopePacker(codec, 1 << 20).pack(TenantId.of("acme"), Fixtures.T0, items);

    assertThat(packed.tooLarge()).isEmpty();
    assertThat(packed.envelopes()).hasSize(2);
    assertThat(received)
        .containsExactly(
            List.of(Optional.of(first), Optional.of(second)), List.of(Optional.empty()));
    assertThat(new String(packed.envelopes().get(0).payload(), StandardCharsets.UTF_8))
        .isEqualTo("{\"e\":0}{\"e\":1}");
  }

  @Test
  void groupOverTheBound_isHalved_andTheReceivedJsonFollowsItsItems() {
    TraceId a = fx.traceId();
    byte[] body = "[1234567890][abcdefghij][ABCDEFGHIJ]".getBytes(StandardCharsets.UTF_8);
    List<IndexedItem> items = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      items.add(new IndexedItem(i, event(a), Optional.of(new ItemJson(body, 12 * i, 12))));
    }

    Packed packed = new EnvelopePacker(codec, 24).pack(TenantId.of("acme"), Fixtures.T0, items);

    assertThat(packed.tooLarge()).isEmpty();
    assertThat(packed.envelopes())
        .extracting(e -> new String(e.payload(), StandardCharsets.UTF_8))
        .containsExactly("[1234567890]", "[abcdefghij][ABCDEFGHIJ]");
  }

  private IngestItem event(TraceId trace) {
    return new IngestItem.FrameEventItem(fx.event(trace).build());
  }
}
