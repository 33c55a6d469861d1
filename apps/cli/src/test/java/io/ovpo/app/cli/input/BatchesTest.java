package io.ovpo.app.cli.input;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.wire.WireJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BatchesTest {
  private static InputItem item(int index, int padding) {
    ObjectNode i = WireJson.object();
    i.put("item_type", "trace");
    i.putObject("data").put("trace_id", "x".repeat(padding));
    return new InputItem(index, Optional.of(i), Optional.empty(), "", Optional.empty());
  }

  @Test
  void batches_closeAtTheItemLimit_inFileOrder() throws Exception {
    List<InputItem> items = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      items.add(item(i, 10));
    }

    Batches.Plan plan = Batches.plan(items, 2, 1_000_000);

    assertThat(plan.batches()).extracting(b -> b.items().size()).containsExactly(2, 2, 1);
    assertThat(plan.batches().get(1).items()).extracting(InputItem::index).containsExactly(2, 3);
    assertThat(WireJson.parse(plan.batches().get(0).body()).path("items").size()).isEqualTo(2);
  }

  @Test
  void batches_closeBeforeTheByteLimit_andNoBodyExceedsIt() {
    List<InputItem> items = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      items.add(item(i, 100));
    }
    int limit = 400;

    Batches.Plan plan = Batches.plan(items, 1000, limit);

    assertThat(plan.batches())
        .allSatisfy(b -> assertThat(b.body().length).isLessThanOrEqualTo(limit));
    assertThat(plan.batches().stream().mapToInt(b -> b.items().size()).sum()).isEqualTo(10);
    assertThat(plan.batches().size()).isGreaterThan(1);
  }

  @Test
  void anItemLargerThanAnyBody_isSetAsideAndTheRestIsSent() {
    Batches.Plan plan = Batches.plan(List.of(item(0, 10), item(1, 5000), item(2, 10)), 1000, 1000);

    assertThat(plan.tooLarge()).extracting(InputItem::index).containsExactly(1);
    assertThat(plan.batches()).singleElement().satisfies(b -> assertThat(b.items()).hasSize(2));
  }
}
