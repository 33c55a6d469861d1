package io.ovpo.wire;

import static io.ovpo.wire.Json.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.DecodedItem;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import io.ovpo.schemas.Limits;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BatchDecoderTest {
  private static final BatchDecoder DECODER = BatchDecoder.fromClasspath();

  @Test
  void mixedBatch_keepsValidItems_andLocatesEachError() {
    ObjectNode body = WireJson.object();
    ArrayNode items = body.putArray("items");
    items.add(item("trace", Json.minimalTrace()));
    // 1: schema: bad timestamp format
    items.add(item("span", Json.minimalSpan().put("start_time", "2025-03-01 12:00:02")));
    items.add(item("frame_event", Json.minimalEvent()));
    // 3: unknown item type
    items.add(item("log_line", Json.minimalEvent()));
    // 4: semantic: a span that ends before it starts
    items.add(item("span", Json.minimalSpan().put("end_time", "2025-03-01T12:00:01.000Z")));
    items.add(item("artifact_manifest", Json.minimalManifest()));

    DecodedBatch batch = DECODER.decode(WireJson.toBytes(body));

    assertThat(batch.items()).hasSize(6);
    assertThat(batch.validCount()).isEqualTo(3);
    assertThat(batch.items()).extracting(DecodedItem::index).containsExactly(0, 1, 2, 3, 4, 5);
    assertThat(((DecodedItem.Valid) batch.items().get(0)).item())
        .isInstanceOf(IngestItem.TraceItem.class);
    assertThat(batch.items().get(5)).isInstanceOf(DecodedItem.Valid.class);

    // The schema reports both the pattern and the date-time format here.
    assertThat(((DecodedItem.Invalid) batch.items().get(1)).errors())
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.itemIndex()).isEqualTo(1);
              assertThat(e.itemType()).contains(ItemType.SPAN);
              assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
              assertThat(e.field()).isEqualTo("/data/start_time");
            });

    DecodedItem.Invalid unknown = (DecodedItem.Invalid) batch.items().get(3);
    assertThat(unknown.itemType()).isEmpty();
    assertThat(unknown.errors()).extracting(ItemError::field).contains("/item_type");
    assertThat(unknown.errors()).allSatisfy(e -> assertThat(e.itemType()).isEmpty());

    ItemError semantic = only(batch.items().get(4));
    assertThat(semantic.code()).isEqualTo(ErrorCode.SEMANTIC_VIOLATION);
    assertThat(semantic.field()).isEqualTo("/data/end_time");
    assertThat(semantic.itemType()).contains(ItemType.SPAN);
    assertThat(semantic.message()).startsWith("/data/end_time: ");
  }

  @Test
  void bodyHash_isSha256OfTheBytes() {
    byte[] body = bytes("{'items':[{'item_type':'trace','data':" + Json.minimalTrace() + "}]}");
    assertThat(DECODER.decode(body).bodySha256()).isEqualTo(BatchDecoder.sha256Hex(body));
    assertThat(BatchDecoder.sha256Hex("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void duplicateKey_isMalformedJson() {
    String body =
        "{'items':[{'item_type':'trace','item_type':'span','data':" + Json.minimalTrace() + "}]}";
    OvpoException e = requestError(bytes(body));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(e.getMessage()).contains("Duplicate field 'item_type'");
  }

  @Test
  void depthBomb_isMalformedJson() {
    String bomb = "{\"items\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
    OvpoException e = requestError(bomb.getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
    assertThat(e.getMessage()).contains("nesting depth");
  }

  @Test
  void hugeString_isMalformedJson() {
    String body =
        "{\"items\":[{\"item_type\":\"" + "x".repeat(WireJson.MAX_STRING_LENGTH + 1) + "\"}]}";
    OvpoException e = requestError(body.getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @Test
  void hugeNumber_isMalformedJson() {
    String body = "{\"items\":[{\"x\":" + "9".repeat(200) + "}]}";
    assertThat(requestError(body.getBytes(StandardCharsets.UTF_8)).code())
        .isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "{", "{'items':[]} x", "{items:[]}", "\u00ff\u00fe"})
  void notJson_isMalformedJson(String body) {
    assertThat(requestError(bytes(body)).code()).isEqualTo(ErrorCode.MALFORMED_JSON);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "[]",
        "'items'",
        "{}",
        "{'items':{}}",
        "{'items':[]}",
        "{'items':[{'item_type':'trace','data':{}}],'tenant_id':'acme'}",
        "{'items':[{'item_type':'trace','data':{}}, 3]}"
      })
  void wrongTopLevel_isInvalidBatch(String body) {
    assertThat(requestError(bytes(body)).code()).isEqualTo(ErrorCode.INVALID_BATCH);
  }

  @Test
  void moreThan10000Items_isInvalidBatch() {
    String item = "{\"item_type\":\"span\",\"data\":{}}";
    String body =
        "{\"items\":["
            + String.join(",", java.util.Collections.nCopies(Limits.MAX_ITEMS + 1, item))
            + "]}";
    OvpoException e = requestError(body.getBytes(StandardCharsets.UTF_8));
    assertThat(e.code()).isEqualTo(ErrorCode.INVALID_BATCH);
    assertThat(e.getMessage()).contains("10001");
  }

  @Test
  void bodyOverFiveMebibytes_isTooLarge() {
    assertThat(requestError(new byte[Limits.MAX_BODY_BYTES + 1]).code())
        .isEqualTo(ErrorCode.PAYLOAD_TOO_LARGE);
  }

  @Test
  void itemWithManyErrors_keepsAtMostTheCap() {
    ObjectNode attrs = WireJson.object();
    for (int i = 0; i < 60; i++) {
      attrs.putObject("custom.k" + i);
    }
    ObjectNode trace = Json.minimalTrace();
    trace.set("attributes", attrs);
    ObjectNode body = WireJson.object();
    body.putArray("items").add(item("trace", trace));
    DecodedItem.Invalid invalid =
        (DecodedItem.Invalid) DECODER.decode(WireJson.toBytes(body)).items().get(0);
    assertThat(invalid.errors()).hasSizeBetween(1, BatchDecoder.MAX_ERRORS_PER_ITEM);
  }

  @Test
  void canonicalValidBatches_decodeWithoutErrors() {
    for (String name : List.of("batch.full-pipeline.json", "batch.trace-lifecycle-updates.json")) {
      DecodedBatch batch = DECODER.decode(Json.example("valid/" + name));
      assertThat(batch.items()).as(name).allMatch(i -> i instanceof DecodedItem.Valid);
    }
  }

  @Test
  void canonicalItemLevelInvalidBatches_failAtTheExpectedItem() {
    assertFailsAt("batch.span-item-bad-start-time.json", 1, "/data/start_time");
    assertFailsAt("batch.trace-item-failed-without-failure.json", 0, "/data/failure");
    assertFailsAt("batch.frame-event-item-typed-as-span.json", 2, "/data/span_kind");
    assertFailsAt("batch.manifest-item-empty-artifacts.json", 3, "/data/artifacts");
    assertFailsAt("batch.item-type-unknown.json", 1, "/item_type");
    assertFailsAt("batch.item-missing-data.json", 1, "/data");
    assertFailsAt("batch.item-unknown-field.json", 0, "/tenant_id");
  }

  @Test
  void canonicalEnvelopeInvalidBatches_areInvalidBatch() {
    for (String name :
        List.of(
            "batch.empty-items.json",
            "batch.items-missing.json",
            "batch.items-not-an-array.json",
            "batch.not-an-object.json",
            "batch.unknown-top-level-field.json",
            "batch.item-not-an-object.json")) {
      assertThat(requestError(Json.example("invalid/" + name)).code())
          .as(name)
          .isEqualTo(ErrorCode.INVALID_BATCH);
    }
  }

  private static void assertFailsAt(String example, int index, String pointer) {
    DecodedBatch batch = DECODER.decode(Json.example("invalid/" + example));
    DecodedItem item = batch.items().get(index);
    assertThat(item).as(example).isInstanceOf(DecodedItem.Invalid.class);
    assertThat(((DecodedItem.Invalid) item).errors())
        .as(example)
        .anySatisfy(
            e -> {
              assertThat(e.field()).isEqualTo(pointer);
              assertThat(e.code()).isEqualTo(ErrorCode.SCHEMA_VIOLATION);
              assertThat(e.itemIndex()).isEqualTo(index);
            });
  }

  private static ObjectNode item(String type, ObjectNode data) {
    ObjectNode o = WireJson.object();
    o.put("item_type", type);
    o.set("data", data);
    return o;
  }

  private static ItemError only(DecodedItem item) {
    assertThat(item).isInstanceOf(DecodedItem.Invalid.class);
    List<ItemError> errors = ((DecodedItem.Invalid) item).errors();
    assertThat(errors).hasSize(1);
    return errors.get(0);
  }

  private static OvpoException requestError(byte[] body) {
    OvpoException e = catchThrowableOfType(OvpoException.class, () -> DECODER.decode(body));
    assertThat(e).as("expected an OvpoException").isNotNull();
    return e;
  }
}
