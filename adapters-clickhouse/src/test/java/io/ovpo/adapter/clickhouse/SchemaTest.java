package io.ovpo.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Schema files split into statements, and SQL literals that cannot break out of their quotes. */
class SchemaTest {
  @Test
  void migrationFiles_splitIntoStatementsWithTheDatabaseFilledIn() {
    List<String> v1 = Schema.statements(Schema.MIGRATIONS.get(0), "`db`");
    List<String> v2 = Schema.statements(Schema.MIGRATIONS.get(1), "`db`");
    assertThat(v1)
        .singleElement()
        .asString()
        .startsWith("CREATE TABLE IF NOT EXISTS `db`.frame_events");
    assertThat(v2).hasSize(2);
    assertThat(v2.get(1))
        .contains("TO `db`.frame_activity_hourly")
        .contains("FROM `db`.frame_events");
    assertThat(String.join("\n", v1) + String.join("\n", v2)).doesNotContain("--", "${db}", ";");
  }

  @Test
  void literals_escapeQuotesAndBackslashes() {
    assertThat(Sql.literal("a'b\\c")).isEqualTo("'a\\'b\\\\c'");
    assertThat(Sql.list(List.of("x", "y"))).isEqualTo("('x', 'y')");
  }

  @Test
  void identifiers_acceptOnlyPlainNames() {
    assertThat(Sql.identifier("ovpo_test_1")).isEqualTo("`ovpo_test_1`");
    assertThatThrownBy(() -> Sql.identifier("ovpo`; DROP"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Sql.list(List.of())).isInstanceOf(IllegalArgumentException.class);
  }
}
