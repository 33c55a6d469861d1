package io.ovpo.adapter.inmemory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HMAC-SHA256 over a link's tenant, key and expiry (spec 05 §7 rule 3); verification compares in
 * constant time.
 */
final class LinkSigner {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec secret;

  LinkSigner(byte[] secret) {
    this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** Lower-case hex signature of (tenant, key, expires). */
  String sign(String tenant, String key, String expires) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      // The separator cannot occur in a tenant id or the decimal expiry, which bracket the key,
      // so distinct (tenant, key, expires) triples never sign the same bytes.
      byte[] sig =
          mac.doFinal((tenant + "\n" + key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  boolean verify(String tenant, String key, String expires, String signature) {
    byte[] expected = sign(tenant, key, expires).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }
}
