package io.ovpo.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The $id prefix maps to the jar and to a folder, and relative $refs follow it. */
class SchemaResolutionTest {

  @Test
  void jarCopy_isByteForByteTheRepositoryCopy() throws IOException {
    for (Path file : Examples.schemaFiles()) {
      String resource = SchemaVersion.CLASSPATH_FOLDER + file.getFileName();
      try (InputStream in = getClass().getClassLoader().getResourceAsStream(resource)) {
        assertThat(in).as(resource).isNotNull();
        assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(file));
      }
    }
  }

  @Test
  void examplesStayOutOfTheJar() {
    assertThat(
            getClass()
                .getClassLoader()
                .getResource(SchemaVersion.CLASSPATH_FOLDER + "examples/invalid/expectations.json"))
        .isNull();
  }

  @Test
  void relativeRefs_resolveAgainstTheFolderTheValidatorWasGiven(@TempDir Path dir)
      throws IOException {
    for (Path file : Examples.schemaFiles()) {
      Files.copy(file, dir.resolve(file.getFileName()));
    }
    // Loosen the id format in this copy of common.json only; trace.json reaches it by a relative
    // $ref.
    Path common = dir.resolve("common.json");
    String loosened =
        Files.readString(common)
            .replace(
                "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", "^.+$");
    Files.writeString(common, loosened);
    ObjectNode trace = Fixtures.trace().put("trace_id", "not-a-uuid");

    assertThat(SchemaValidator.fromDirectory(dir).validate(EntityType.TRACE, trace)).isEmpty();
    assertThat(Validators.CLASSPATH.validate(EntityType.TRACE, trace))
        .extracting(ValidationError::pointer)
        .containsExactly("/trace_id");
  }

  @Test
  void aFolderWithoutCommonJson_failsAtConstruction_notAtFirstValidation(@TempDir Path dir)
      throws IOException {
    for (Path file : Examples.schemaFiles()) {
      if (!file.getFileName().toString().equals("common.json")) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    assertThatThrownBy(() -> SchemaValidator.fromDirectory(dir))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("cannot load schema");
  }

  @Test
  void classpathAndFolderValidators_giveIdenticalResults_forEveryExample() {
    var expectations = Examples.expectations();
    for (Path file : Examples.invalidFiles()) {
      EntityType type = expectations.get(file.getFileName().toString()).type();
      assertThat(Validators.FILE_SYSTEM.validateFile(file, type).errors())
          .isEqualTo(Validators.CLASSPATH.validateFile(file, type).errors());
    }
  }
}
