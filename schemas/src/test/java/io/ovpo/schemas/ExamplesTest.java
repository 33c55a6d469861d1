package io.ovpo.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example under schemas/v0.08/examples does what its folder and expectations say. */
class ExamplesTest {

  static Stream<Path> validExamples() {
    return Examples.validFiles().stream();
  }

  static Stream<Arguments> invalidExamples() {
    return Examples.expectations().entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("validExamples")
  void validExample_passesFromClasspathAndFileSystem(Path file) {
    for (SchemaValidator validator : List.of(Validators.CLASSPATH, Validators.FILE_SYSTEM)) {
      FileResult result = validator.validateFile(file);
      assertThat(result.errors()).as(file.toString()).isEmpty();
      // The file name starts with the type it holds; detection must agree.
      assertThat(result.type().map(EntityType::wireName)).contains(typePrefix(file));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("invalidExamples")
  void invalidExample_failsAtItsNamedPointerWithItsKeyword(
      String fileName, Examples.Expectation expected) {
    Path file = Examples.invalidDir().resolve(fileName);
    for (SchemaValidator validator : List.of(Validators.CLASSPATH, Validators.FILE_SYSTEM)) {
      FileResult result = validator.validateFile(file, expected.type());
      assertThat(result.errors())
          .as("%s should fail at %s (%s)", fileName, expected.pointer(), expected.keyword())
          .anySatisfy(
              e -> {
                assertThat(e.documentPointer()).isEqualTo(expected.pointer());
                assertThat(e.keyword()).isEqualTo(expected.keyword());
                assertThat(e.code()).isEqualTo(expected.code());
              });
    }
  }

  @Test
  void everyInvalidExampleFile_hasAnExpectation_andEveryExpectationAFile() {
    List<String> files =
        Examples.invalidFiles().stream().map(p -> p.getFileName().toString()).toList();
    assertThat(Examples.expectations().keySet()).containsExactlyInAnyOrderElementsOf(files);
  }

  @Test
  void thereAreAtLeast35InvalidExamples_coveringEverySchema() {
    Map<String, Examples.Expectation> expectations = Examples.expectations();
    assertThat(expectations).hasSizeGreaterThanOrEqualTo(35);
    assertThat(expectations.values().stream().map(Examples.Expectation::type).distinct())
        .containsExactlyInAnyOrder(EntityType.values());
  }

  @Test
  void invalidExampleNames_startWithTheSchemaTheyTest() {
    Examples.expectations().forEach((name, e) -> assertThat(name).startsWith(e.schema() + "."));
  }

  @Test
  void validExamples_coverEveryTypeAndTheRequiredScenarios() {
    List<String> names =
        Examples.validFiles().stream().map(p -> p.getFileName().toString()).toList();
    for (EntityType type : EntityType.values()) {
      assertThat(names).anyMatch(n -> n.startsWith(type.wireName() + "."));
    }
    assertThat(names).contains("batch.full-pipeline.json", "trace.failed-with-failure.json");
    assertThat(names).contains("trace.pipeline-config-ref.json");
  }

  @Test
  void fullPipelineBatch_holdsEverySpanKindAndRichFrameEvents() {
    var batch = Examples.read(Examples.validDir().resolve("batch.full-pipeline.json"));
    List<String> kinds =
        batch.path("items").findValues("span_kind").stream().map(n -> n.asText()).toList();
    assertThat(kinds)
        .containsExactlyInAnyOrder(
            "LOAD",
            "TEXT_ENCODE",
            "SAMPLING",
            "DECODE",
            "OUTPUT_ENCODE",
            "UPSCALE",
            "INTERPOLATE",
            "SAFETY_CHECK",
            "CUSTOM");
    assertThat(batch.path("items").findValues("quality_metrics")).isNotEmpty();
    assertThat(batch.path("items").findValues("gpu")).isNotEmpty();
    assertThat(batch.path("items").findValues("thumbnail")).isNotEmpty();
    assertThat(batch.path("items").findValues("manifest_id")).hasSize(1);
  }

  @Test
  void validFolder_validatesRecursivelyAsOneCall() {
    List<FileResult> results = Validators.CLASSPATH.validatePath(Examples.validDir());
    assertThat(results).hasSameSizeAs(Examples.validFiles());
    assertThat(results).allMatch(FileResult::isValid);
  }

  private static String typePrefix(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.indexOf('.'));
  }
}
