package io.ovpo.wire;

import static io.ovpo.wire.Json.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemType;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonItemCodecTest {
  private final JsonItemCodec codec = new JsonItemCodec();

  @Test
  void payload_isTheIngestBodyShape() {
    IngestItem trace = new IngestItem.TraceItem(ModelReader.trace(Json.minimalTrace()));
    String json = Json.text(codec.encode(List.of(trace)));
    assertThat(json)
        .isEqualTo(
            "{\"items\":[{\"item_type\":\"trace\",\"data\":{\"trace_id\":\""
                + Json.TRACE_ID
                + "\",\"status\":\"RUNNING\",\"created_at\":\"2025-03-01T12:00:00.000Z\","
                + "\"started_at\":\"2025-03-01T12:00:01.000Z\",\"pipeline_config_ref\":\"wan-720p\","
                + "\"legal_hold\":false}}]}");
  }

  @Test
  void equalItemsBuiltFromDifferentInputOrder_encodeToIdenticalBytes() {
    // Same tags and attributes, keys sent in another order: the model sorts them.
    var a =
        ModelReader.trace(
            Json.minimalTrace()
                .setAll(
                    Json.object(
                        "{'tags':{'b':'2','a':'1'},'attributes':{'custom.z':1,'custom.a':true}}")));
    var b =
        ModelReader.trace(
            Json.minimalTrace()
                .setAll(
                    Json.object(
                        "{'attributes':{'custom.a':true,'custom.z':1},'tags':{'a':'1','b':'2'}}")));
    assertThat(codec.encode(List.of(new IngestItem.TraceItem(a))))
        .isEqualTo(codec.encode(List.of(new IngestItem.TraceItem(b))));
  }

  @Test
  void everyItemType_roundTrips() {
    List<IngestItem> items =
        List.of(
            new IngestItem.TraceItem(ModelReader.trace(Json.minimalTrace())),
            new IngestItem.SpanItem(ModelReader.span(Json.minimalSpan())),
            new IngestItem.FrameEventItem(ModelReader.frameEvent(Json.minimalEvent())),
            new IngestItem.ManifestItem(ModelReader.manifest(Json.minimalManifest())));
    List<IngestItem> back = codec.decode(codec.encode(items));
    assertThat(back).isEqualTo(items);
    assertThat(back).extracting(IngestItem::itemType).containsExactly(ItemType.values());
  }

  @Test
  void emptyList_roundTrips() {
    assertThat(codec.decode(codec.encode(List.of()))).isEmpty();
  }

  @Test
  void garbage_isIllegalArgumentWithAReason() {
    assertThatThrownBy(() -> codec.decode(bytes("{'items':")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not valid JSON");
    assertThatThrownBy(() -> codec.decode(bytes("[1]")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("items array");
    assertThatThrownBy(() -> codec.decode(bytes("{'items':[{'item_type':'blob','data':{}}]}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("/items/0/item_type");
  }

  @Test
  void itemBreakingAModelRule_isIllegalArgumentNamingThePlace() {
    String span = Json.minimalSpan().put("end_time", "2025-03-01T12:00:00.000Z").toString();
    assertThatThrownBy(
            () -> codec.decode(bytes("{'items':[{'item_type':'span','data':" + span + "}]}")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("/items/0/data/end_time: ");
  }
}
