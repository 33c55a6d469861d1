package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class ETagsTest {
  @Test
  void etag_isTheQuotedFirst32HexOfTheBodysSha256() {
    // SHA-256("abc") = ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
    assertThat(ETags.of("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("\"ba7816bf8f01cfea414140de5dae2223\"");
  }

  @Test
  void ifNoneMatch_acceptsTheTagInAListWeakOrNotOrAStar() {
    String etag = "\"ba7816bf8f01cfea414140de5dae2223\"";
    assertThat(ETags.matches(etag, etag)).isTrue();
    assertThat(ETags.matches("W/" + etag, etag)).isTrue();
    assertThat(ETags.matches("\"x\" , " + etag, etag)).isTrue();
    assertThat(ETags.matches("*", etag)).isTrue();
    assertThat(ETags.matches("", etag)).isFalse();
    assertThat(ETags.matches("\"ba7816bf8f01cfea414140de5dae2224\"", etag)).isFalse();
    assertThat(ETags.matches("ba7816bf8f01cfea414140de5dae2223", etag)).isFalse();
  }

  @Property
  void differentBodies_haveDifferentTags_andATagMatchesItself(@ForAll byte[] a, @ForAll byte[] b) {
    String tag = ETags.of(a);
    assertThat(ETags.matches(tag, tag)).isTrue();
    if (!java.util.Arrays.equals(a, b)) {
      assertThat(ETags.of(b)).isNotEqualTo(tag);
    }
  }
}
