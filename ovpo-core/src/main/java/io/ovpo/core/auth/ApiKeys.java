package io.ovpo.core.auth;

import io.ovpo.core.internal.Sha256;
import io.ovpo.ports.model.ApiKeyRecord;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * API keys (DESIGN.md section 2): {@code ovpo_<public prefix>_<secret>}. The prefix finds the key;
 * only the SHA-256 of the secret is stored, and it is compared in constant time.
 */
public final class ApiKeys {
  public static final Pattern FORMAT = Pattern.compile("^ovpo_[a-z0-9]{8,16}_[A-Za-z0-9]{32,64}$");
  public static final int GENERATED_PREFIX_LENGTH = 12;
  public static final int GENERATED_SECRET_LENGTH = 48;
  private static final String PREFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";
  private static final String SECRET_ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private ApiKeys() {}

  /** Splits a well-formed key; empty for anything that does not match {@link #FORMAT}. */
  public static Optional<ParsedApiKey> parse(String plaintext) {
    if (plaintext == null || !FORMAT.matcher(plaintext).matches()) {
      return Optional.empty();
    }
    int second = plaintext.indexOf('_', 5);
    return Optional.of(
        new ParsedApiKey(plaintext.substring(5, second), plaintext.substring(second + 1)));
  }

  /** The key of an {@code Authorization: Bearer <key>} header; the scheme is case-insensitive. */
  public static Optional<ParsedApiKey> fromAuthorizationHeader(String header) {
    if (header == null) {
      return Optional.empty();
    }
    String h = header.strip();
    if (h.length() < 7 || !h.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return Optional.empty();
    }
    return parse(h.substring(7).strip());
  }

  /** Lower-case hex SHA-256 of the UTF-8 bytes of {@code s}. */
  public static String sha256Hex(String s) {
    return Sha256.hex(s);
  }

  /**
   * Whether {@code secret} hashes to the record's stored hash. The digests are compared with {@link
   * MessageDigest#isEqual}, whose time does not depend on where they differ.
   */
  public static boolean secretMatches(ApiKeyRecord record, String secret) {
    if (secret == null) {
      return false;
    }
    byte[] stored = HexFormat.of().parseHex(record.secretSha256());
    byte[] given = Sha256.digest(secret.getBytes(StandardCharsets.UTF_8));
    return MessageDigest.isEqual(stored, given);
  }

  /** A new key with a 12-character prefix and a 48-character secret. */
  public static GeneratedApiKey generate(SecureRandom random) {
    String prefix = randomString(random, PREFIX_ALPHABET, GENERATED_PREFIX_LENGTH);
    String secret = randomString(random, SECRET_ALPHABET, GENERATED_SECRET_LENGTH);
    return new GeneratedApiKey("ovpo_" + prefix + "_" + secret, prefix, sha256Hex(secret));
  }

  /** The key with its secret hidden ({@code ovpo_abcd1234_****}), safe for logs. */
  public static String mask(String plaintext) {
    return parse(plaintext).map(k -> "ovpo_" + k.prefix() + "_****").orElse("****");
  }

  private static String randomString(SecureRandom random, String alphabet, int length) {
    StringBuilder b = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      b.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return b.toString();
  }
}
