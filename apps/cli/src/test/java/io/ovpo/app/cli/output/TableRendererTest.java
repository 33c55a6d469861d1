package io.ovpo.app.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class TableRendererTest {
  private static final String ID = "6018366c-f658-47a7-9ed3-4fe53a096533";

  @Test
  void narrowTerminal_cutsTheWidestTextColumnAndKeepsIdsWhole() {
    Table t =
        Table.of(Column.fixed("TRACE_ID"), Column.number("N"), Column.text("MESSAGE"))
            .row(ID, "7", "a rather long message that cannot possibly fit in forty columns");

    List<String> lines = TableRenderer.render(t, 60, Glyphs.UNICODE);

    assertThat(lines).hasSize(2);
    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(60));
    assertThat(lines.get(1)).startsWith(ID + "  7  a rather").endsWith("…");
  }

  @Test
  void wideTerminal_keepsEveryCellWholeAndAlignsNumbersRight() {
    Table t = Table.of(Column.text("NAME"), Column.number("COUNT")).row("a", "5").row("bbb", "123");

    List<String> lines = TableRenderer.render(t, 80, Glyphs.ASCII);

    assertThat(lines).containsExactly("NAME  COUNT", "a         5", "bbb     123");
  }

  @Test
  void tableThatCannotFit_staysAtTheColumnMinimumsRatherThanLosingIds() {
    Table t = Table.of(Column.fixed("A_LONG_HEADER"), Column.fixed("ANOTHER_ONE")).row(ID, ID);

    List<String> lines = TableRenderer.render(t, 40, Glyphs.ASCII);

    assertThat(lines.get(1)).isEqualTo(ID + "  " + ID);
  }

  @Test
  void pathColumns_areCutAtTheirStart_soTheFileNameStays() {
    Table t =
        Table.of(Column.path("FILE"), Column.fixed("CODE"))
            .row("/a/very/long/folder/name/that/goes/on/and/on/batch.json", ID);

    List<String> lines = TableRenderer.render(t, 70, Glyphs.ASCII);

    assertThat(lines.get(1)).startsWith("~").contains("/batch.json  " + ID);
  }

  @Test
  void lineBreaksInCells_becomeSpaces() {
    Table t = Table.of(Column.text("MESSAGE")).row("two\nlines");

    assertThat(TableRenderer.render(t, 80, Glyphs.ASCII)).containsExactly("MESSAGE", "two lines");
  }

  @Property(tries = 200)
  void everyLine_fitsTheWidth_whenTheMinimumsAllowIt(
      @ForAll @StringLength(max = 120) String a,
      @ForAll @StringLength(max = 120) String b,
      @ForAll @IntRange(min = 40, max = 200) int width) {
    Table t = Table.of(Column.text("FIRST"), Column.text("SECOND")).row(a, b);

    for (String line : TableRenderer.render(t, width, Glyphs.UNICODE)) {
      assertThat(line.length()).isLessThanOrEqualTo(width);
    }
  }
}
