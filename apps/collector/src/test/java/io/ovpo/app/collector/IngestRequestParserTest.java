package io.ovpo.app.collector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class IngestRequestParserTest {
  private static void refused(Runnable r, ErrorCode code) {
    assertThatThrownBy(r::run)
        .isInstanceOf(OvpoException.class)
        .satisfies(e -> assertThat(((OvpoException) e).code()).isEqualTo(code));
  }

  @Test
  void contentType_acceptsJson_withOrWithoutUtf8Charset_inAnyCase() {
    for (String ok :
        new String[] {
          "application/json",
          "Application/JSON",
          "application/json; charset=utf-8",
          "application/json;charset=UTF-8",
          "application/json; charset=\"utf-8\"",
          "application/json;"
        }) {
      assertThatCode(() -> IngestRequestParser.checkContentType(Optional.of(ok)))
          .as(ok)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void contentType_refusesEverythingElse_with415() {
    for (String bad :
        new String[] {
          "",
          "text/plain",
          "application/json5",
          "application/json; charset=latin1",
          "application/json; boundary=x",
          "application/*",
          "application/json, text/plain"
        }) {
      refused(
          () -> IngestRequestParser.checkContentType(Optional.of(bad)),
          ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }
    refused(
        () -> IngestRequestParser.checkContentType(Optional.empty()),
        ErrorCode.UNSUPPORTED_MEDIA_TYPE);
  }

  @Test
  void contentEncoding_allowsGzipAliasesAndIdentity_only() {
    for (String ok : new String[] {"gzip", "x-gzip", "GZIP", "identity"}) {
      assertThatCode(() -> IngestRequestParser.checkContentEncoding(Optional.of(ok)))
          .doesNotThrowAnyException();
    }
    assertThatCode(() -> IngestRequestParser.checkContentEncoding(Optional.empty()))
        .doesNotThrowAnyException();
    for (String bad : new String[] {"br", "deflate", "gzip, br", ""}) {
      refused(
          () -> IngestRequestParser.checkContentEncoding(Optional.of(bad)),
          ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }
  }

  @Test
  void schemaVersion_missingOrOther_isRefusedWithItsOwnCode() {
    refused(
        () -> IngestRequestParser.checkSchemaVersion(Optional.empty()),
        ErrorCode.MISSING_SCHEMA_VERSION);
    refused(
        () -> IngestRequestParser.checkSchemaVersion(Optional.of("0.8")),
        ErrorCode.UNSUPPORTED_SCHEMA_VERSION);
    assertThatCode(() -> IngestRequestParser.checkSchemaVersion(Optional.of("0.08")))
        .doesNotThrowAnyException();
  }

  @Property
  void idempotencyKey_ofVisibleAscii_upTo128_isAccepted(
      @ForAll("visibleAscii") @StringLength(min = 1, max = 128) String key) {
    assertThat(IngestRequestParser.idempotencyKey(key)).contains(key);
  }

  @Property
  void idempotencyKey_withAnInvisibleCharacter_isRefused(
      @ForAll("visibleAscii") @StringLength(max = 100) String prefix,
      @ForAll("invisible") char bad) {
    refused(
        () -> IngestRequestParser.idempotencyKey(prefix + bad), ErrorCode.INVALID_IDEMPOTENCY_KEY);
  }

  @Test
  void idempotencyKey_emptyOrTooLong_isRefused_absentIsFine() {
    refused(() -> IngestRequestParser.idempotencyKey(""), ErrorCode.INVALID_IDEMPOTENCY_KEY);
    refused(
        () -> IngestRequestParser.idempotencyKey("k".repeat(129)),
        ErrorCode.INVALID_IDEMPOTENCY_KEY);
    assertThat(IngestRequestParser.idempotencyKey(null)).isEmpty();
  }

  @Provide
  Arbitrary<String> visibleAscii() {
    return Arbitraries.strings().withCharRange((char) 0x21, (char) 0x7E);
  }

  @Provide
  Arbitrary<Character> invisible() {
    return Arbitraries.oneOf(
        Arbitraries.chars().range((char) 0, (char) 0x20),
        Arbitraries.chars().range((char) 0x7F, (char) 0x7FF));
  }
}
