package io.ovpo.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.ports.model.ArtifactManifest;
import io.ovpo.ports.model.ArtifactRef;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.Trace;
import io.ovpo.schemas.EntityType;
import io.ovpo.schemas.SchemaValidator;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** read(write(x)) == x for every ingest entity, through bytes, and the output is schema-valid. */
class ModelRoundTripProperties {
  private static final SchemaValidator SCHEMAS = SchemaValidator.fromClasspath();

  @Property(tries = 100)
  void trace_survivesWriteThenRead(@ForAll("traces") Trace trace) throws Exception {
    JsonNode json = viaBytes(ModelWriter.trace(trace));
    assertThat(ModelReader.trace(json)).isEqualTo(trace);
  }

  @Property(tries = 100)
  void span_survivesWriteThenRead(@ForAll("spans") Span span) throws Exception {
    assertThat(ModelReader.span(viaBytes(ModelWriter.span(span)))).isEqualTo(span);
  }

  @Property(tries = 100)
  void frameEvent_survivesWriteThenRead(@ForAll("events") FrameEvent event) throws Exception {
    assertThat(ModelReader.frameEvent(viaBytes(ModelWriter.frameEvent(event)))).isEqualTo(event);
  }

  @Property(tries = 100)
  void manifest_survivesWriteThenRead(@ForAll("manifests") ArtifactManifest m) throws Exception {
    assertThat(ModelReader.manifest(viaBytes(ModelWriter.manifest(m)))).isEqualTo(m);
  }

  @Property(tries = 100)
  void artifactRef_survivesWriteThenRead(@ForAll("refs") ArtifactRef ref) throws Exception {
    assertThat(ModelReader.artifactRef(viaBytes(ModelWriter.artifactRef(ref)), "/x"))
        .isEqualTo(ref);
  }

  @Property(tries = 60)
  void writtenEntities_passTheirSchema(@ForAll("items") IngestItem item) {
    EntityType type = EntityType.fromItemType(item.itemType().wire()).orElseThrow();
    assertThat(SCHEMAS.validate(type, ModelWriter.data(item))).isEmpty();
  }

  @Property(tries = 60)
  void codec_decodesWhatItEncodes(@ForAll("itemLists") List<IngestItem> items) {
    JsonItemCodec codec = new JsonItemCodec();
    byte[] bytes = codec.encode(items);
    assertThat(codec.decode(bytes)).isEqualTo(items);
    // Deterministic: equal items give identical bytes, so content hashes are stable.
    assertThat(codec.encode(codec.decode(bytes))).isEqualTo(bytes);
  }

  private static JsonNode viaBytes(JsonNode node) throws Exception {
    return WireJson.parse(WireJson.toBytes(node));
  }

  @Provide
  Arbitrary<Trace> traces() {
    return Gen.trace();
  }

  @Provide
  Arbitrary<Span> spans() {
    return Gen.span();
  }

  @Provide
  Arbitrary<FrameEvent> events() {
    return Gen.frameEvent();
  }

  @Provide
  Arbitrary<ArtifactManifest> manifests() {
    return Gen.manifest();
  }

  @Provide
  Arbitrary<ArtifactRef> refs() {
    return Gen.artifactRef();
  }

  @Provide
  Arbitrary<IngestItem> items() {
    return Gen.item();
  }

  @Provide
  Arbitrary<List<IngestItem>> itemLists() {
    return Gen.items();
  }
}
