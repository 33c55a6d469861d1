package io.ovpo.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The result records refuse inconsistent contents. */
class ResultTypesTest {
  private static ValidationError itemError(int index) {
    return new ValidationError(
        index, Optional.of("span"), "/data/name", "SCHEMA_VIOLATION", "minLength", "/data/name: x");
  }

  private static ValidationError documentError() {
    return new ValidationError(
        -1, Optional.empty(), "/items", "SCHEMA_VIOLATION", "maxItems", "/items: x");
  }

  @Test
  void validationError_rejectsBadFields() {
    assertThatThrownBy(
            () -> new ValidationError(-2, Optional.empty(), "", "SCHEMA_VIOLATION", "type", "m"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new ValidationError(-1, Optional.of("span"), "", "SCHEMA_VIOLATION", "type", "m"))
        .hasMessageContaining("itemType");
    assertThatThrownBy(
            () -> new ValidationError(0, Optional.empty(), "data", "SCHEMA_VIOLATION", "type", "m"))
        .hasMessageContaining("pointer");
    assertThatThrownBy(() -> new ValidationError(0, Optional.empty(), "", " ", "type", "m"))
        .hasMessageContaining("code");
    assertThatThrownBy(() -> new ValidationError(0, Optional.empty(), "", "C", "", "m"))
        .hasMessageContaining("keyword");
    assertThatThrownBy(() -> new ValidationError(0, Optional.empty(), "", "C", "k", null))
        .hasMessageContaining("message");
  }

  @Test
  void documentPointer_prefixesTheItemPath() {
    assertThat(itemError(3).documentPointer()).isEqualTo("/items/3/data/name");
    assertThat(documentError().documentPointer()).isEqualTo("/items");
  }

  @Test
  void itemResult_onlyHoldsErrorsOfItsOwnIndex() {
    assertThatThrownBy(() -> new ItemResult(1, Optional.empty(), List.of(itemError(2))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new ItemResult(0, Optional.of(EntityType.BATCH), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(new ItemResult(2, Optional.of(EntityType.SPAN), List.of(itemError(2))).isValid())
        .isFalse();
  }

  @Test
  void batchResult_keepsEnvelopeErrorsApartFromItems() {
    ItemResult item = new ItemResult(0, Optional.of(EntityType.SPAN), List.of());
    assertThatThrownBy(() -> new BatchResult(List.of(itemError(0)), List.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new BatchResult(List.of(documentError()), List.of(item)))
        .isInstanceOf(IllegalArgumentException.class);

    BatchResult mixed =
        new BatchResult(
            List.of(),
            List.of(item, new ItemResult(1, Optional.of(EntityType.SPAN), List.of(itemError(1)))));
    assertThat(mixed.isValid()).isFalse();
    assertThat(mixed.validItemCount()).isEqualTo(1);
    assertThat(mixed.invalidItemCount()).isEqualTo(1);
    assertThat(mixed.errors()).containsExactly(itemError(1));
  }

  @Test
  void fileResult_copiesItsErrors() {
    List<ValidationError> errors = new java.util.ArrayList<>(List.of(documentError()));
    FileResult result = new FileResult(Path.of("x.json"), Optional.empty(), errors);
    errors.clear();
    assertThat(result.errors()).hasSize(1);
    assertThat(result.isValid()).isFalse();
  }
}
