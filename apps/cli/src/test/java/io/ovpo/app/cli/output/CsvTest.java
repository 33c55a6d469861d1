package io.ovpo.app.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CsvTest {
  @Test
  void fieldsWithCommasQuotesOrLineBreaks_areQuotedWithQuotesDoubled() {
    Table t =
        Table.of(Column.text("A"), Column.text("B"), Column.text("C"))
            .row("plain", "x, y", "say \"hi\"\nbye");

    assertThat(Csv.render(t)).containsExactly("A,B,C", "plain,\"x, y\",\"say \"\"hi\"\"\nbye\"");
  }

  @Test
  void cells_areNeverCut() {
    String longText = "x".repeat(500);
    Table t = Table.of(Column.text("A")).row(longText);

    assertThat(Csv.render(t).get(1)).isEqualTo(longText);
  }
}
