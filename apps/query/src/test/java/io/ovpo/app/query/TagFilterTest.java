package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.OvpoException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TagFilterTest {
  @Test
  void pairsSplitAtTheFirstColon_valuesMayBeEmptyOrHoldColons() {
    assertThat(TagFilter.parse(List.of("env:prod", "url:http://a:1", "empty:")).values())
        .isEqualTo(Map.of("env", "prod", "url", "http://a:1", "empty", ""));
  }

  @Test
  void noTags_isTheEmptyFilter() {
    assertThat(TagFilter.parse(List.of()).isEmpty()).isTrue();
  }

  @Test
  void theSamePairTwice_isOnePair_butTwoValuesForOneKeyAreRefused() {
    assertThat(TagFilter.parse(List.of("a:1", "a:1")).values()).isEqualTo(Map.of("a", "1"));
    assertThatThrownBy(() -> TagFilter.parse(List.of("a:1", "a:2")))
        .isInstanceOf(OvpoException.class);
  }

  @Test
  void malformedKeysLongValuesAndTooManyFilters_areRefused() {
    for (String bad : List.of("nocolon", ":v", "Upper:v", "sp ace:v", "k:" + "x".repeat(257))) {
      assertThatThrownBy(() -> TagFilter.parse(List.of(bad)))
          .as(bad)
          .isInstanceOf(OvpoException.class);
    }
    List<String> seventeen = new ArrayList<>();
    for (int i = 0; i < 17; i++) {
      seventeen.add("k" + i + ":v");
    }
    assertThatThrownBy(() -> TagFilter.parse(seventeen)).isInstanceOf(OvpoException.class);
    assertThat(TagFilter.parse(seventeen.subList(0, 16)).values()).hasSize(16);
  }
}
