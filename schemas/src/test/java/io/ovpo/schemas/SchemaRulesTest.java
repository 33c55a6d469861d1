package io.ovpo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The rules with many cases, over many generated values. Generators use fixed seeds so a failure
 * names a value that reproduces.
 */
class SchemaRulesTest {
  private static final SchemaValidator V = Validators.CLASSPATH;
  private static final DateTimeFormatter MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  enum Status {
    PENDING,
    RUNNING,
    COMPLETED,
    FAILED,
    PARTIAL,
    CANCELLED
  }

  private static List<String> pointers(EntityType type, ObjectNode doc) {
    return V.validate(type, doc).stream().map(ValidationError::pointer).toList();
  }

  static Stream<String> randomUuidV4s() {
    Random random = new Random(1);
    return IntStream.range(0, 200)
        .mapToObj(i -> new UUID(random.nextLong(), random.nextLong()))
        .map(u -> uuidWith(u, 4, 0x8L + (u.getLeastSignificantBits() >>> 62 & 0x3)));
  }

  static Stream<String> otherVersionUuids() {
    Random random = new Random(2);
    return IntStream.range(0, 100)
        .mapToObj(i -> new UUID(random.nextLong(), random.nextLong()))
        .map(
            u -> uuidWith(u, 1 + (int) Long.remainderUnsigned(u.getMostSignificantBits(), 3), 0x8));
  }

  /** A UUID string with the given version nibble and variant nibble. */
  private static String uuidWith(UUID u, int version, long variantNibble) {
    long msb = (u.getMostSignificantBits() & ~0xF000L) | ((long) version << 12);
    long lsb = (u.getLeastSignificantBits() & ~(0xFL << 60)) | (variantNibble << 60);
    return new UUID(msb, lsb).toString();
  }

  static Stream<String> millisecondInstants() {
    Random random = new Random(3);
    long max = Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli();
    return IntStream.range(0, 200)
        .mapToObj(i -> Instant.ofEpochMilli(Math.floorMod(random.nextLong(), max)))
        .map(MILLIS::format);
  }

  static Stream<Arguments> statusesWithAndWithoutFailure() {
    return Stream.of(Status.values())
        .flatMap(s -> Stream.of(Arguments.of(s, true), Arguments.of(s, false)));
  }

  static Stream<String> allowedTagKeys() {
    Random random = new Random(4);
    String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789_.-";
    return IntStream.range(0, 100)
        .mapToObj(
            i -> {
              StringBuilder key = new StringBuilder();
              int length = 1 + random.nextInt(64);
              for (int c = 0; c < length; c++) {
                key.append(alphabet.charAt(random.nextInt(alphabet.length())));
              }
              return key.toString();
            });
  }

  @ParameterizedTest
  @MethodSource("randomUuidV4s")
  void anyLowerCaseUuidV4_isAValidId(String id) {
    assertThat(pointers(EntityType.SPAN, Fixtures.span().put("span_id", id))).isEmpty();
    assertThat(pointers(EntityType.SPAN, Fixtures.span().put("span_id", id.toUpperCase())))
        .containsExactly("/span_id");
  }

  @ParameterizedTest
  @MethodSource("otherVersionUuids")
  void uuidsOfOtherVersions_areRejected(String id) {
    assertThat(pointers(EntityType.SPAN, Fixtures.span().put("span_id", id)))
        .containsExactly("/span_id");
  }

  @ParameterizedTest
  @MethodSource("millisecondInstants")
  void anyUtcInstantWithMilliseconds_isAValidTimestamp(String timestamp) {
    assertThat(pointers(EntityType.SPAN, Fixtures.span().put("start_time", timestamp))).isEmpty();
    String seconds = timestamp.substring(0, 19) + "Z";
    assertThat(pointers(EntityType.SPAN, Fixtures.span().put("start_time", seconds)))
        .containsExactly("/start_time");
  }

  @ParameterizedTest(name = "{0}, failure present: {1}")
  @MethodSource("statusesWithAndWithoutFailure")
  void failure_isRequiredExactlyWhenStatusIsFailed(Status status, boolean withFailure) {
    ObjectNode trace = Fixtures.trace().put("status", status.name());
    if (withFailure) {
      trace.set("failure", Fixtures.failure());
    }
    boolean valid = withFailure == (status == Status.FAILED);

    assertThat(pointers(EntityType.TRACE, trace))
        .isEqualTo(valid ? List.of() : List.of("/failure"));
  }

  @ParameterizedTest(name = "pipeline_config: {0}, pipeline_config_ref: {1}")
  @MethodSource("bothBooleans")
  void exactlyOneOfPipelineConfigAndRef_isRequired(boolean config, boolean ref) {
    ObjectNode trace = Fixtures.trace();
    trace.remove("pipeline_config_ref");
    if (config) {
      trace.set("pipeline_config", Fixtures.pipelineConfig());
    }
    if (ref) {
      trace.put("pipeline_config_ref", "default");
    }

    assertThat(pointers(EntityType.TRACE, trace))
        .isEqualTo(config != ref ? List.of() : List.of("/pipeline_config"));
  }

  static Stream<Arguments> bothBooleans() {
    return Stream.of(
        Arguments.of(true, true),
        Arguments.of(true, false),
        Arguments.of(false, true),
        Arguments.of(false, false));
  }

  @ParameterizedTest
  @MethodSource("allowedTagKeys")
  void tagKeysFromTheAllowedAlphabet_areAccepted_andOneOtherCharacterRejectsThem(String key) {
    ObjectNode ok = Fixtures.trace();
    ok.putObject("tags").put(key, "v");
    ObjectNode bad = Fixtures.trace();
    bad.putObject("tags").put(key.substring(0, key.length() - 1) + "A", "v");

    assertThat(pointers(EntityType.TRACE, ok)).isEmpty();
    assertThat(pointers(EntityType.TRACE, bad)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(doubles = {-1.0000001, -1, -0.5, 0, 0.999, 1, 1.0000001})
  void clipSimilarity_isAcceptedExactlyFromMinusOneToOne(double value) {
    ObjectNode event = Fixtures.frameEvent();
    event.putObject("quality_metrics").put("clip_similarity", value);

    assertThat(pointers(EntityType.FRAME_EVENT, event).isEmpty())
        .isEqualTo(value >= -1 && value <= 1);
  }

  @ParameterizedTest
  @EnumSource(
      value = EntityType.class,
      names = {"TRACE", "SPAN", "FRAME_EVENT", "ARTIFACT_MANIFEST"})
  void everyEntity_rejectsAnUnknownTopLevelField(EntityType type) {
    ObjectNode doc =
        switch (type) {
          case TRACE -> Fixtures.trace();
          case SPAN -> Fixtures.span();
          case FRAME_EVENT -> Fixtures.frameEvent();
          default -> Fixtures.manifest();
        };
    assertThat(pointers(type, doc)).isEmpty();

    doc.put("tenant_id", "acme");

    assertThat(pointers(type, doc)).containsExactly("/tenant_id");
  }
}
