package io.ovpo.ports.internal;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** The hand-written id and hash checks give the verdicts of the patterns they stand for. */
class ChecksProperties {

  /** Strings of the right shape with one character changed now and then, and random ones. */
  @Provide
  Arbitrary<String> nearUuids() {
    return Arbitraries.randomValue(
        r -> {
          String uuid = java.util.UUID.randomUUID().toString();
          StringBuilder sb = new StringBuilder(uuid);
          String replacements = "0123456789abcdefABCDEF-4\n g";
          int changes = r.nextInt(3);
          for (int i = 0; i < changes; i++) {
            sb.setCharAt(
                r.nextInt(sb.length()), replacements.charAt(r.nextInt(replacements.length())));
          }
          if (r.nextInt(10) == 0) {
            sb.append(r.nextBoolean() ? "\n" : "0");
          }
          if (r.nextInt(10) == 0) {
            sb.deleteCharAt(r.nextInt(sb.length()));
          }
          return sb.toString();
        });
  }

  @Provide
  Arbitrary<String> nearHashes() {
    return Arbitraries.strings()
        .withChars("0123456789abcdefA\n")
        .ofMinLength(62)
        .ofMaxLength(66)
        .edgeCases(e -> e.add("a".repeat(64)));
  }

  @Property(tries = 1000)
  void uuidCheck_agreesWithThePattern(@ForAll("nearUuids") String s) {
    assertThat(Checks.isUuidV4(s)).as(s).isEqualTo(Checks.UUID_V4.matcher(s).matches());
  }

  @Property(tries = 1000)
  void hashCheck_agreesWithThePattern(@ForAll("nearHashes") String s) {
    assertThat(Checks.isHex64(s)).as(s).isEqualTo(Checks.HEX64.matcher(s).matches());
  }
}
