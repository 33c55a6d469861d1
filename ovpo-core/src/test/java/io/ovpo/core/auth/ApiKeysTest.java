package io.ovpo.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.TenantId;
import io.ovpo.testkit.Fixtures;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ApiKeysTest {
  private static final String SECRET = "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789abcdEFGH";
  private static final String KEY = "ovpo_abcd1234_" + SECRET;
  private final Fixtures fx = Fixtures.forTest("ApiKeysTest");

  private ApiKeyRecord recordFor(String secret) {
    ApiKeyRecord r = fx.apiKey(TenantId.of("acme"), Fixtures.T0);
    return new ApiKeyRecord(
        r.keyId(),
        "abcd1234",
        r.tenantId(),
        r.role(),
        r.name(),
        ApiKeys.sha256Hex(secret),
        r.createdAt(),
        r.expiresAt(),
        r.revokedAt(),
        r.lastUsedAt());
  }

  @Test
  void parse_splitsPrefixAndSecret() {
    assertThat(ApiKeys.parse(KEY)).contains(new ParsedApiKey("abcd1234", SECRET));
  }

  @Test
  void parse_rejectsAnythingOffFormat() {
    assertThat(ApiKeys.parse(null)).isEmpty();
    assertThat(ApiKeys.parse("ovpo_abc_" + SECRET)).isEmpty(); // prefix too short
    assertThat(ApiKeys.parse("ovpo_ABCD1234_" + SECRET)).isEmpty(); // upper-case prefix
    assertThat(ApiKeys.parse("ovpo_abcd1234_short")).isEmpty();
    assertThat(ApiKeys.parse("ovpo_abcd1234_" + SECRET + "!")).isEmpty();
    assertThat(ApiKeys.parse("ovpx_abcd1234_" + SECRET)).isEmpty();
    assertThat(ApiKeys.parse(KEY + "\n")).isEmpty();
  }

  @Test
  void authorizationHeader_acceptsBearerInAnyCase() {
    assertThat(ApiKeys.fromAuthorizationHeader("Bearer " + KEY)).isPresent();
    assertThat(ApiKeys.fromAuthorizationHeader("bearer " + KEY)).isPresent();
    assertThat(ApiKeys.fromAuthorizationHeader("BEARER   " + KEY + " ")).isPresent();
    assertThat(ApiKeys.fromAuthorizationHeader("Basic " + KEY)).isEmpty();
    assertThat(ApiKeys.fromAuthorizationHeader(KEY)).isEmpty();
    assertThat(ApiKeys.fromAuthorizationHeader("Bearer")).isEmpty();
    assertThat(ApiKeys.fromAuthorizationHeader(null)).isEmpty();
  }

  @Test
  void sha256Hex_isLowerCaseHexOfUtf8() {
    assertThat(ApiKeys.sha256Hex("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void apiKeySecret_comparedInConstantTime() {
    // Timing is not asserted (no timed tests); this pins the behaviour of the digest-to-digest
    // comparison (MessageDigest.isEqual): a match only on the exact secret, whatever position
    // differs and whatever the length of the attempt.
    ApiKeyRecord record = recordFor(SECRET);
    assertThat(ApiKeys.secretMatches(record, SECRET)).isTrue();
    assertThat(ApiKeys.secretMatches(record, "X" + SECRET.substring(1))).isFalse();
    assertThat(ApiKeys.secretMatches(record, SECRET.substring(0, SECRET.length() - 1) + "X"))
        .isFalse();
    assertThat(ApiKeys.secretMatches(record, SECRET.substring(0, 32))).isFalse();
    assertThat(ApiKeys.secretMatches(record, "")).isFalse();
    assertThat(ApiKeys.secretMatches(record, null)).isFalse();
    // The stored hash itself is not a password.
    assertThat(ApiKeys.secretMatches(record, record.secretSha256())).isFalse();
  }

  @Test
  void generate_makesAWellFormedKeyWhoseSecretMatchesItsHash() {
    GeneratedApiKey g = ApiKeys.generate(new SecureRandom());
    assertThat(g.plaintext()).matches(ApiKeys.FORMAT);
    assertThat(g.prefix()).hasSize(12);
    ParsedApiKey parsed = ApiKeys.parse(g.plaintext()).orElseThrow();
    assertThat(parsed.prefix()).isEqualTo(g.prefix());
    assertThat(parsed.secret()).hasSize(48);
    assertThat(g.secretSha256()).isEqualTo(ApiKeys.sha256Hex(parsed.secret()));
    ApiKeyRecord stored =
        new ApiKeyRecord(
            fx.keyId(),
            g.prefix(),
            TenantId.of("acme"),
            io.ovpo.ports.model.Role.ADMIN,
            "k",
            g.secretSha256(),
            Fixtures.T0,
            Optional.of(Fixtures.T0.plus(Duration.ofDays(1))),
            Optional.empty(),
            Optional.empty());
    assertThat(ApiKeys.secretMatches(stored, parsed.secret())).isTrue();
    assertThat(ApiKeys.generate(new SecureRandom()).plaintext()).isNotEqualTo(g.plaintext());
  }

  @Test
  void mask_andToString_neverShowTheSecret() {
    assertThat(ApiKeys.mask(KEY)).isEqualTo("ovpo_abcd1234_****");
    assertThat(ApiKeys.mask("garbage-" + SECRET)).isEqualTo("****");
    assertThat(ApiKeys.parse(KEY).orElseThrow().toString()).doesNotContain(SECRET);
    GeneratedApiKey g = ApiKeys.generate(new SecureRandom());
    String secret = ApiKeys.parse(g.plaintext()).orElseThrow().secret();
    assertThat(g.toString()).doesNotContain(secret).contains(g.prefix());
  }
}
