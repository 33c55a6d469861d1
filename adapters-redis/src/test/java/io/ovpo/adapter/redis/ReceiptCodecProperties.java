package io.ovpo.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** A stored receipt and its Idempotency-Key entry replay exactly what was stored. */
class ReceiptCodecProperties {
  @Property(tries = 200)
  void everyReceipt_roundTripsExactly(@ForAll("receipts") IngestReceipt receipt) {
    assertThat(ReceiptCodec.decode(ReceiptCodec.encode(receipt))).isEqualTo(receipt);
  }

  @Property(tries = 200)
  void encodedReceipt_isOneHeaderLinePlusOneLinePerError(
      @ForAll("receipts") IngestReceipt receipt) {
    assertThat(ReceiptCodec.encode(receipt).split("\n", -1)).hasSize(1 + receipt.errors().size());
  }

  @Property(tries = 200)
  void completedEntry_keepsTheRequestHashAndTheReceipt(
      @ForAll("texts") String hash, @ForAll("receipts") IngestReceipt receipt) {
    IdempotencyEntry entry = IdempotencyEntry.decode(IdempotencyEntry.done(hash, receipt));
    assertThat(entry).isEqualTo(new IdempotencyEntry(hash, Optional.of(receipt)));
  }

  @Property(tries = 200)
  void pendingEntry_keepsTheRequestHashOnly(@ForAll("texts") String hash) {
    assertThat(IdempotencyEntry.decode(IdempotencyEntry.pending(hash)))
        .isEqualTo(new IdempotencyEntry(hash, Optional.empty()));
  }

  @Provide
  Arbitrary<String> texts() {
    // tabs, newlines, %, + and non-ASCII are what could break a line format
    return Arbitraries.strings()
        .withChars("\t\n\r %+é\u2603")
        .withCharRange('!', '~')
        .ofMinLength(1)
        .ofMaxLength(80);
  }

  @Provide
  Arbitrary<IngestReceipt> receipts() {
    Arbitrary<ItemError> error =
        Combinators.combine(
                Arbitraries.integers().between(0, 9_999),
                Arbitraries.of(ItemType.class).optional(0.8),
                Arbitraries.of(ErrorCode.SCHEMA_VIOLATION, ErrorCode.SEMANTIC_VIOLATION),
                Arbitraries.oneOf(Arbitraries.just(""), texts()),
                texts())
            .as(ItemError::new);
    return Combinators.combine(
            texts(),
            Arbitraries.integers().between(0, 10_000),
            error.list().ofMaxSize(12),
            Arbitraries.of(true, false))
        .as(
            (id, accepted, errors, duplicate) ->
                new IngestReceipt(
                    id,
                    accepted > 0 ? 202 : 400,
                    accepted,
                    errors.size(),
                    duplicate,
                    new ArrayList<>(errors)));
  }

  @Property(tries = 10)
  void emptyFieldAndNoErrors_roundTrip(@ForAll("texts") String id) {
    IngestReceipt r =
        new IngestReceipt(
            id,
            400,
            0,
            1,
            false,
            List.of(new ItemError(0, Optional.empty(), ErrorCode.SCHEMA_VIOLATION, "", "x")));
    assertThat(ReceiptCodec.decode(ReceiptCodec.encode(r))).isEqualTo(r);
  }
}
