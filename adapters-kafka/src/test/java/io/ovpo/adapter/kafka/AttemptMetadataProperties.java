package io.ovpo.adapter.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class AttemptMetadataProperties {
  @Property(tries = 300)
  void decodeOfEncode_isTheSameCounts(
      @ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long base,
      @ForAll("counts") Map<Long, Integer> relative) {
    TreeMap<Long, Integer> attempts = absolute(base, relative);
    assertThat(AttemptMetadata.decode(base, AttemptMetadata.encode(base, attempts)))
        .isEqualTo(attempts);
  }

  @Property(tries = 100)
  void manyCounts_stayUnderTheLimit_andDecodeToASubset(
      @ForAll("manyCounts") Map<Long, Integer> relative) {
    TreeMap<Long, Integer> attempts = absolute(1_000, relative);
    String encoded = AttemptMetadata.encode(1_000, attempts);
    assertThat(encoded.length()).isLessThanOrEqualTo(AttemptMetadata.MAX_CHARS);
    assertThat(attempts).containsAllEntriesOf(AttemptMetadata.decode(1_000, encoded));
  }

  @Property(tries = 300)
  void offsetsBeforeTheCommitPoint_areNotWritten(@ForAll("counts") Map<Long, Integer> relative) {
    TreeMap<Long, Integer> attempts = absolute(0, relative);
    assertThat(AttemptMetadata.decode(50, AttemptMetadata.encode(50, attempts)))
        .isEqualTo(attempts.tailMap(50L, true));
  }

  @Example
  void aBatchDeliveredOnce_isOneRun() {
    TreeMap<Long, Integer> attempts = new TreeMap<>();
    for (long o = 700; o < 1200; o++) {
      attempts.put(o, 1);
    }
    attempts.put(1200L, 3);
    assertThat(AttemptMetadata.encode(700, attempts)).isEqualTo("a1;0-499:1,500:3");
  }

  @Example
  void foreignOrBrokenMetadata_decodesToNothing() {
    assertThat(AttemptMetadata.decode(5, "")).isEmpty();
    assertThat(AttemptMetadata.decode(5, null)).isEmpty();
    assertThat(AttemptMetadata.decode(5, "written by another tool")).isEmpty();
    assertThat(AttemptMetadata.decode(5, "a1;3-x:2")).isEmpty();
  }

  @Provide
  Arbitrary<Map<Long, Integer>> counts() {
    return Arbitraries.maps(
            Arbitraries.longs().between(0, 400), Arbitraries.integers().between(1, 60))
        .ofMaxSize(200);
  }

  @Provide
  Arbitrary<Map<Long, Integer>> manyCounts() {
    return Arbitraries.maps(
            Arbitraries.longs().between(0, 1_000_000), Arbitraries.integers().between(1, 1000))
        .ofMinSize(300)
        .ofMaxSize(2000);
  }

  private static TreeMap<Long, Integer> absolute(long base, Map<Long, Integer> relative) {
    TreeMap<Long, Integer> out = new TreeMap<>();
    relative.forEach((k, v) -> out.put(base + k, v));
    return out;
  }
}
