package io.ovpo.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.nats.client.impl.Headers;
import io.ovpo.ports.model.Envelope;
import io.ovpo.testkit.Fixtures;
import org.junit.jupiter.api.Test;

class EnvelopeHeadersTest {
  private final Fixtures fx = Fixtures.forTest("EnvelopeHeadersTest");

  @Test
  void headersAndPayload_giveBackTheEnvelope_withTheDeliveryAttempt() {
    Envelope e = fx.envelope(fx.tenant());
    assertThat(EnvelopeHeaders.parse(EnvelopeHeaders.of(e), e.payload(), 4))
        .isEqualTo(e.withAttempt(4));
  }

  @Test
  void aMissingHeader_isNamed() {
    Headers h = EnvelopeHeaders.of(fx.envelope(fx.tenant()));
    h.remove(EnvelopeHeaders.CONTENT_HASH);
    assertThatThrownBy(() -> EnvelopeHeaders.parse(h, new byte[0], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("Ovpo-Content-Hash");
  }

  @Test
  void anUnknownMessageType_isRejected() {
    Headers h = EnvelopeHeaders.of(fx.envelope(fx.tenant()));
    h.put(EnvelopeHeaders.MESSAGE_TYPE, "video");
    assertThatThrownBy(() -> EnvelopeHeaders.parse(h, new byte[0], 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("video");
  }
}
