package io.ovpo.ports.out;

import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.StoredObject;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Object storage for artifacts, addressed by key (the part of an {@code ovpo://} or {@code s3://}
 * URI after the scheme).
 */
public interface ObjectStore extends HealthCheck {
  void put(StoredObject object);

  Optional<StoredObject> get(String key);

  /** Deletes the object; false when it was not there. */
  boolean delete(String key);

  /** A link that lets anyone holding it download {@code key} until {@code expiresAt}. */
  SignedUrl sign(String key, Instant expiresAt);

  /**
   * For stores whose links point back at OVPO: the object key a signed link's query parameters
   * grant, or empty when the signature is wrong, altered or expired at {@code now}. A valid link
   * names its key even when the object is gone since, so callers can tell a bad link (403) from a
   * deleted object (404, spec 05 §7 rule 3). Never throws for bad parameters.
   */
  Optional<String> signedKey(Map<String, String> queryParameters, Instant now);

  /**
   * The object a valid signed link grants ({@link #signedKey}); empty when the link is bad or the
   * object is gone.
   */
  default Optional<StoredObject> openSigned(Map<String, String> queryParameters, Instant now) {
    return signedKey(queryParameters, now).flatMap(this::get);
  }
}
