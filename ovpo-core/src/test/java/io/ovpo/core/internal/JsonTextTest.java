package io.ovpo.core.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTextTest {

  @Test
  void quote_escapesQuotesBackslashesAndControlCharacters() {
    assertThat(JsonText.quote("a\"b\\c\n\t\u0001é")).isEqualTo("\"a\\\"b\\\\c\\n\\t\\u0001é\"");
  }

  @Test
  void parseFlatObject_readsStringsAndIntegers() {
    assertThat(JsonText.parseFlatObject("{\"a\":\"x\\\"y\\u0041\",\"b\":-12}"))
        .isEqualTo(Map.of("a", "x\"yA", "b", -12L));
    assertThat(JsonText.parseFlatObject("{}")).isEmpty();
  }

  @Test
  void parseFlatObject_rejectsEverythingElse() {
    for (String bad :
        new String[] {
          "",
          "{",
          "[]",
          "{\"a\":1,}",
          "{\"a\":1} ",
          "{\"a\":{}}",
          "{\"a\":1,\"a\":2}",
          "{\"a\":true}",
          "{a:1}",
          "{\"a\":\"\\x\"}",
          "{\"a\":\"\\u12\"}",
          "{\"a\":1.5}"
        }) {
      assertThatThrownBy(() -> JsonText.parseFlatObject(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
