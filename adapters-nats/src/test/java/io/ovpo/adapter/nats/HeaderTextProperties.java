package io.ovpo.adapter.nats;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class HeaderTextProperties {
  @Property
  void decodeOfEncode_isTheText(@ForAll String text) {
    assertThat(HeaderText.decode(HeaderText.encode(text))).isEqualTo(text);
  }

  @Property
  void encoded_isPrintableAscii(@ForAll String text) {
    assertThat(HeaderText.encode(text).chars()).allMatch(c -> c >= 0x20 && c < 0x7f);
  }

  @Example
  void plainReasons_stayReadable() {
    assertThat(HeaderText.encode("payload does not decode: token at 17"))
        .isEqualTo("payload does not decode: token at 17");
    assertThat(HeaderText.encode("100%\n")).isEqualTo("100%25%0A");
  }
}
