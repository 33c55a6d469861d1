package io.ovpo.schemas;

import static io.ovpo.schemas.FastPathDifferentialTest.REFERENCE;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The fast path of {@link SchemaValidator#validateItem} against the JSON Schema engine alone, over
 * thousands of generated frame_event and span items and mutations of them: the results are always
 * equal, the fast path never proves valid what the engine rejects, and it proves valid every
 * generated valid item (so it does the work it exists for).
 */
class FastPathProperties {

  @Provide
  Arbitrary<ObjectNode> validItems() {
    return Arbitraries.randomValue(r -> new RandomItems(r).anyItem());
  }

  @Provide
  Arbitrary<JsonNode> mutatedItems() {
    return Arbitraries.randomValue(
        r -> {
          RandomItems gen = new RandomItems(r);
          JsonNode item = gen.anyItem();
          for (int i = 0, n = 1 + r.nextInt(3); i < n; i++) {
            item = gen.mutate(item);
          }
          return item;
        });
  }

  @Provide
  Arbitrary<String> timestampShapedStrings() {
    return Arbitraries.randomValue(r -> new RandomItems(r).timestampShaped());
  }

  @Property(tries = 600)
  void validItem_isProvenValid_andTheEngineAgrees(@ForAll("validItems") ObjectNode item) {
    ItemResult engine = REFERENCE.validateItem(0, item);
    assertThat(engine.errors()).as("%s", item).isEmpty();
    assertThat(FastValidity.provesValid(item)).as("%s", item).isTrue();
    assertThat(Validators.CLASSPATH.validateItem(0, item)).isEqualTo(engine);
  }

  @Property(tries = 2000)
  void mutatedItem_getsTheEngineResult(@ForAll("mutatedItems") JsonNode item) {
    boolean proven = FastPathDifferentialTest.assertSameResult("mutated", item);
    Statistics.collect(proven ? "proven valid" : "left to the engine");
  }

  @Property(tries = 600)
  void timestamp_isProvenValidExactlyWhenTheEngineAccepts_exceptLeapSeconds(
      @ForAll("timestampShapedStrings") String timestamp) {
    ObjectNode span = Fixtures.span().put("start_time", timestamp);
    ObjectNode item = Fixtures.item("span", span);
    boolean engine = REFERENCE.validateItem(0, item).isValid();
    boolean fast = FastValidity.provesValid(item);
    if (timestamp.substring(17, 19).equals("60")) {
      assertThat(fast).as(timestamp).isFalse();
    } else {
      assertThat(fast).as(timestamp).isEqualTo(engine);
    }
    FastPathDifferentialTest.assertSameResult(timestamp, item);
  }
}
