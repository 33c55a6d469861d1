package io.ovpo.adapter.inmemory;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** HMAC-SHA256 over a link's key and expiry; verification compares in constant time. */
final class LinkSigner {
  private static final String ALGORITHM = "HmacSHA256";
  private final SecretKeySpec secret;

  LinkSigner(byte[] secret) {
    this.secret = new SecretKeySpec(secret.clone(), ALGORITHM);
  }

  /** Lower-case hex signature of (key, expires). */
  String sign(String key, String expires) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(secret);
      // The separator cannot occur in the decimal expiry, so (key, expires) pairs never collide.
      byte[] sig = mac.doFinal((key + "\n" + expires).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sig);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  boolean verify(String key, String expires, String signature) {
    byte[] expected = sign(key, expires).getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII));
  }
}
