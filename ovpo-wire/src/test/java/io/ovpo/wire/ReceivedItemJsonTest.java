package io.ovpo.wire;

import static io.ovpo.wire.Json.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.DecodedItem;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemJson;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A well-formed body is read item by item, each valid item keeping its JSON as received; the queue
 * payload built from those bytes decodes to the same items as one encoded from the records.
 */
class ReceivedItemJsonTest {
  private static final BatchDecoder DECODER = BatchDecoder.fromClasspath();
  private static final JsonItemCodec CODEC = new JsonItemCodec();

  private static final String EVENT =
      "{ \"item_type\" : \"frame_event\",\n \"data\": " + Json.minimalEvent() + " }";
  private static final String SPAN = "{\"item_type\":\"span\",\"data\":" + Json.minimalSpan() + "}";
  private static final String BAD_SPAN =
      "{\"item_type\":\"span\",\"data\":" + Json.minimalSpan().put("name", "") + "}";

  @Test
  void validItems_keepTheirBytesAsReceived_invalidOnesAreReportedAsBefore() {
    String body = " {\"items\": [ " + EVENT + " ,\n" + BAD_SPAN + "," + SPAN + "]}\n";

    DecodedBatch batch = DECODER.decode(body.getBytes(StandardCharsets.UTF_8));

    assertThat(batch.items()).hasSize(3);
    assertThat(json((DecodedItem.Valid) batch.items().get(0))).isEqualTo(EVENT);
    assertThat(batch.items().get(1)).isInstanceOf(DecodedItem.Invalid.class);
    assertThat(json((DecodedItem.Valid) batch.items().get(2))).isEqualTo(SPAN);
  }

  @Test
  void payloadOfReceivedBytes_decodesToTheSameItems_asOneEncodedFromTheRecords() {
    String body = "{\"items\":[" + EVENT + "," + SPAN + "," + EVENT.replace(' ', '\t') + "]}";
    DecodedBatch batch = DECODER.decode(body.getBytes(StandardCharsets.UTF_8));
    List<IngestItem> items = new ArrayList<>();
    List<Optional<ItemJson>> received = new ArrayList<>();
    for (DecodedItem d : batch.items()) {
      DecodedItem.Valid v = (DecodedItem.Valid) d;
      items.add(v.item());
      received.add(v.json());
    }

    byte[] fromBytes = CODEC.encode(items, received);
    byte[] mixed = CODEC.encode(items, List.of(received.get(0), Optional.empty(), received.get(2)));

    assertThat(CODEC.decode(fromBytes)).isEqualTo(CODEC.decode(CODEC.encode(items)));
    assertThat(CODEC.decode(mixed)).isEqualTo(items);
    assertThat(CODEC.encode(items, received)).as("deterministic").isEqualTo(fromBytes);
    JsonNode parsed = Json.parse(new String(fromBytes, StandardCharsets.UTF_8).replace('\'', '"'));
    assertThat(parsed.get("items")).hasSize(3);
  }

  @Test
  void itemsOfABodyReadWhole_haveNoReceivedBytes_butDecodeTheSame() {
    // A second top-level member sends the body down the whole-tree path (and fails there).
    String body = "{\"items\":[" + SPAN + "],\"items\":[" + SPAN + "]}";
    OvpoException e =
        catchThrowableOfType(
            OvpoException.class, () -> DECODER.decode(body.getBytes(StandardCharsets.UTF_8)));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(e.getMessage()).contains("Duplicate field 'items'");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{'items':[{'item_type':'span','data':{'a':1,'a':2}}]}",
        "{'items':[{'item_type':'frame_event','data':{'quality_metrics':{'x':1,'y':2,'x':3}}}]}",
        "{'items':[{'item_type':'span','data':{'attributes':{'custom.a':[{'k':1,'k':1}]}}}]}"
      })
  void duplicateKeyAtAnyDepth_isMalformedJson_withTheParsersMessage(String body) {
    OvpoException e = catchThrowableOfType(OvpoException.class, () -> DECODER.decode(bytes(body)));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(e.getMessage()).contains("Duplicate field");
  }

  @Test
  void scannedTrees_equalTheTreesOfTheWholeBody() throws Exception {
    String body =
        "{\"items\":[" + EVENT + ",\n\n" + SPAN + ",{\"data\":{\"x\":[1,2.5,-0.0,1e400]}}]}";
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    List<ItemScanner.Scanned> scanned = ItemScanner.scan(bytes).orElseThrow();
    JsonNode whole = WireJson.parse(bytes).get("items");
    assertThat(scanned).hasSize(whole.size());
    for (int i = 0; i < whole.size(); i++) {
      assertThat(scanned.get(i).node()).isEqualTo(whole.get(i));
      assertThat(WireJson.parse(scanned.get(i).json().bytes())).isEqualTo(whole.get(i));
    }
  }

  private static String json(DecodedItem.Valid v) {
    return new String(v.json().orElseThrow().bytes(), StandardCharsets.UTF_8);
  }
}
