package io.ovpo.ports.out;

import io.ovpo.ports.model.ObjectGrant;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.TenantId;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Object storage for artifacts, addressed by key (the part of an {@code ovpo://} or {@code s3://}
 * URI after the scheme). Keys are global, not per tenant: a store cannot tell which tenant an
 * object belongs to. Tenant isolation comes from {@link #sign} being called only after the artifact
 * was found among the caller's tenant's manifests; a link carries that tenant, signed, so it cannot
 * be moved to another tenant, but the download does not re-check that the object is the tenant's. A
 * store presigning links of its own (S3) needs no tenant in them: its link is the authorised
 * lookup's result and is checked by that store, not by {@link #signedKey}.
 */
public interface ObjectStore extends HealthCheck {
  void put(StoredObject object);

  Optional<StoredObject> get(String key);

  /** Deletes the object; false when it was not there. */
  boolean delete(String key);

  /**
   * A link that lets anyone holding it download {@code key} until {@code expiresAt}, issued for
   * {@code tenant}. Links pointing back at OVPO sign the tenant, the key and the expiry (spec 05 §7
   * rule 3).
   */
  SignedUrl sign(TenantId tenant, String key, Instant expiresAt);

  /**
   * For stores whose links point back at OVPO: the tenant and object key a signed link's query
   * parameters grant, or empty when the signature is wrong, any parameter altered or the link
   * expired at {@code now}. A valid link names its key even when the object is gone since, so
   * callers can tell a bad link (403) from a deleted object (404, spec 05 §7 rule 3). Never throws
   * for bad parameters.
   */
  Optional<ObjectGrant> signedKey(Map<String, String> queryParameters, Instant now);

  /**
   * The object a valid signed link grants ({@link #signedKey}); empty when the link is bad or the
   * object is gone.
   */
  default Optional<StoredObject> openSigned(Map<String, String> queryParameters, Instant now) {
    return signedKey(queryParameters, now).flatMap(grant -> get(grant.key()));
  }
}
