package io.ovpo.app.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.wire.WireJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimelineTest {
  private static JsonNode json(String s) throws Exception {
    return WireJson.parse(s.replace('\'', '"').getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  @Test
  void spans_areBarsPlacedByTheirShareOfTheTrace_childrenIndented() throws Exception {
    JsonNode trace =
        json("{'started_at':'2025-03-01T12:00:00.000Z','ended_at':'2025-03-01T12:00:10.000Z'}");
    JsonNode root =
        json(
            "{'span_id':'r','span_kind':'CUSTOM','name':'pipeline','status':'OK','duration_ms':10000,"
                + "'start_time':'2025-03-01T12:00:00.000Z','end_time':'2025-03-01T12:00:10.000Z'}");
    JsonNode second =
        json(
            "{'span_id':'c','parent_span_id':'r','span_kind':'DECODE','name':'decode','status':'OK',"
                + "'duration_ms':5000,'start_time':'2025-03-01T12:00:05.000Z',"
                + "'end_time':'2025-03-01T12:00:10.000Z'}");

    Table t = Timeline.of(trace, List.of(root, second), 80, Glyphs.ASCII);
    List<String> lines = TableRenderer.render(t, 80, Glyphs.ASCII);

    assertThat(lines).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(80));
    String rootBar = lines.get(1).substring(lines.get(1).indexOf('#'));
    String childLine = lines.get(2);
    assertThat(childLine).contains("  decode").contains("+5.0 s");
    int barStart = lines.get(1).indexOf('#');
    int childStart = childLine.indexOf('#');
    int width = rootBar.length();
    // The child starts half-way through the trace.
    assertThat(childStart - barStart).isBetween(width / 2 - 1, width / 2 + 1);
    assertThat(lines.get(0)).endsWith("10.0 s");
  }

  @Test
  void openSpans_areDrawnToTheEndInTheLighterGlyph() throws Exception {
    JsonNode trace = json("{'started_at':'2025-03-01T12:00:00.000Z'}");
    JsonNode open =
        json(
            "{'span_id':'o','span_kind':'SAMPLING','name':'sampling','status':'UNSET',"
                + "'duration_ms':null,'start_time':'2025-03-01T12:00:01.000Z'}");

    List<String> lines =
        TableRenderer.render(Timeline.of(trace, List.of(open), 60, Glyphs.ASCII), 60, Glyphs.ASCII);

    assertThat(lines.get(1)).endsWith("-").doesNotContain("#");
  }
}
