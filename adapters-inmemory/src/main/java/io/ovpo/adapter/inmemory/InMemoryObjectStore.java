package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.ObjectGrant;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.ObjectStore;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Objects in memory, at most {@code maxBytes} in all (oldest evicted first, counted). Signed links
 * point back at OVPO: {@code <baseUrl>?key=..&expires=<epoch seconds>&tenant=..&signature=<hmac>},
 * and {@link #signedKey} checks them. Objects are keyed globally (see {@link ObjectStore}), so the
 * signed tenant is vouched for by the link, not checked against the object.
 */
final class InMemoryObjectStore implements ObjectStore {
  static final String KEY = "key";
  static final String EXPIRES = "expires";
  static final String TENANT = "tenant";
  static final String SIGNATURE = "signature";

  private final LinkedHashMap<String, StoredObject> objects = new LinkedHashMap<>();
  private final long maxBytes;
  private final LinkSigner signer;
  private final String baseUrl;
  private final Evictions evictions;
  private long bytes;

  InMemoryObjectStore(long maxBytes, LinkSigner signer, String baseUrl, Evictions evictions) {
    this.maxBytes = maxBytes;
    this.signer = signer;
    this.baseUrl = baseUrl;
    this.evictions = evictions;
  }

  @Override
  public synchronized void put(StoredObject object) {
    StoredObject copy = copy(object);
    StoredObject old = objects.remove(copy.key());
    if (old != null) {
      bytes -= old.data().length;
    }
    objects.put(copy.key(), copy);
    bytes += copy.data().length;
    Iterator<StoredObject> oldest = objects.values().iterator();
    while (bytes > maxBytes && oldest.hasNext()) {
      StoredObject victim = oldest.next();
      if (victim != copy) {
        oldest.remove();
        bytes -= victim.data().length;
        evictions.add(EvictionKind.OBJECTS, 1);
      }
    }
  }

  @Override
  public synchronized Optional<StoredObject> get(String key) {
    return Optional.ofNullable(objects.get(key)).map(InMemoryObjectStore::copy);
  }

  @Override
  public synchronized boolean delete(String key) {
    StoredObject old = objects.remove(key);
    if (old != null) {
      bytes -= old.data().length;
    }
    return old != null;
  }

  @Override
  public SignedUrl sign(TenantId tenant, String key, Instant expiresAt) {
    long expires = expiresAt.getEpochSecond(); // whole seconds: never later than asked
    String e = Long.toString(expires);
    String url =
        baseUrl
            + (baseUrl.contains("?") ? "&" : "?")
            + KEY
            + "="
            + encode(key)
            + "&"
            + EXPIRES
            + "="
            + e
            + "&"
            + TENANT
            + "="
            + tenant.value()
            + "&"
            + SIGNATURE
            + "="
            + signer.sign(tenant.value(), key, e);
    return new SignedUrl(URI.create(url), Instant.ofEpochSecond(expires));
  }

  @Override
  public Optional<ObjectGrant> signedKey(Map<String, String> queryParameters, Instant now) {
    String key = queryParameters.get(KEY);
    String expires = queryParameters.get(EXPIRES);
    String tenant = queryParameters.get(TENANT);
    String signature = queryParameters.get(SIGNATURE);
    if (key == null || expires == null || tenant == null || signature == null || key.isEmpty()) {
      return Optional.empty();
    }
    // A tenant id never contains the signer's separator; anything else is not a link of ours.
    if (!TenantId.PATTERN.matcher(tenant).matches() || key.length() > 2048) {
      return Optional.empty();
    }
    if (!signer.verify(tenant, key, expires, signature)) {
      return Optional.empty();
    }
    long epochSecond;
    try {
      epochSecond = Long.parseLong(expires);
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    if (!now.isBefore(Instant.ofEpochSecond(epochSecond))) {
      return Optional.empty();
    }
    return Optional.of(new ObjectGrant(TenantId.of(tenant), key));
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static StoredObject copy(StoredObject o) {
    return new StoredObject(o.key(), o.data().clone(), o.contentType());
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
