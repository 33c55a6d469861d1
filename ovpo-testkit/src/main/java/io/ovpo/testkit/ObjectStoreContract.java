package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.ovpo.ports.model.ObjectGrant;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.ObjectStore;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ObjectStore}: bytes by key, and signed links. For stores whose links point
 * back at OVPO ({@link #supportsOpenSigned()} true), a link opens its object until it expires and
 * any change to any of its query parameters makes it worthless; it grants the tenant it was signed
 * for, and moving it to another tenant makes it worthless too (spec 05 §7 rule 3). Implement {@link
 * #newStore()} and {@link #supportsOpenSigned()}; see {@link StoreContract} for the other hooks.
 */
public abstract class ObjectStoreContract<O extends ObjectStore> extends StoreContract<O> {
  private static final Duration TEN_MINUTES = Duration.ofMinutes(10);

  /** The tenant this test's links are signed for. */
  private TenantId tenant;

  @BeforeEach
  final void pickTenant() {
    tenant = fx.tenant();
  }

  /** True when {@link ObjectStore#openSigned} verifies this store's own links. */
  protected abstract boolean supportsOpenSigned();

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void put_thenGet_roundTripsBytesAndContentType() {
    StoredObject o = fx.object(key());
    byte[] original = o.data().clone();
    store.put(o);
    o.data()[0] ^= 0x7f;
    StoredObject got = store.get(o.key()).orElseThrow();
    assertThat(got.key()).isEqualTo(o.key());
    assertThat(got.data()).isEqualTo(original);
    assertThat(got.contentType()).isEqualTo("video/mp4");
  }

  @Test
  void put_emptyObject_isStored() {
    StoredObject empty = new StoredObject(key(), new byte[0], "text/plain");
    store.put(empty);
    assertThat(store.get(empty.key()).orElseThrow().data()).isEmpty();
  }

  @Test
  void put_sameKey_replacesTheObject() {
    String key = key();
    store.put(fx.object(key));
    StoredObject second = new StoredObject(key, new byte[] {1, 2, 3}, "application/octet-stream");
    store.put(second);
    StoredObject got = store.get(key).orElseThrow();
    assertThat(got.data()).containsExactly(1, 2, 3);
    assertThat(got.contentType()).isEqualTo("application/octet-stream");
  }

  @Test
  void get_missingKey_isEmpty() {
    assertThat(store.get(key())).isEmpty();
  }

  @Test
  void delete_removesTheObjectOnce() {
    StoredObject o = fx.object(key());
    store.put(o);
    assertThat(store.delete(o.key())).isTrue();
    assertThat(store.get(o.key())).isEmpty();
    assertThat(store.delete(o.key())).isFalse();
  }

  @Test
  void keysWithSlashesSpacesAndUnicode_roundTrip() {
    String key = "tenant-a/" + fx.uuid() + "/clip final (v2) ü+ü&x=1?.mp4";
    StoredObject o = fx.object(key);
    store.put(o);
    assertThat(store.get(key).orElseThrow().data()).isEqualTo(o.data());
    assertThat(store.get(key.replace("ü", "u"))).isEmpty();
  }

  @Test
  void sign_givesAnAbsoluteLinkExpiringNoLaterThanAsked() {
    StoredObject o = fx.object(key());
    store.put(o);
    Instant expires = clock.instant().plus(TEN_MINUTES);
    SignedUrl url = store.sign(tenant, o.key(), expires);
    assertThat(url.url().isAbsolute()).isTrue();
    assertThat(url.expiresAt()).isBeforeOrEqualTo(expires).isAfter(expires.minusSeconds(2));
  }

  @Test
  void openSigned_validLink_opensTheObject() {
    assumeTrue(supportsOpenSigned(), "links of this store do not point back at OVPO");
    StoredObject o = fx.object("tenant-a/" + fx.uuid() + "/video 1 ü.mp4");
    store.put(o);
    SignedUrl url = store.sign(tenant, o.key(), clock.instant().plus(TEN_MINUTES));
    Optional<StoredObject> opened = store.openSigned(params(url), clock.instant().plusSeconds(60));
    assertThat(opened).isPresent();
    assertThat(opened.get().key()).isEqualTo(o.key());
    assertThat(opened.get().data()).isEqualTo(o.data());
    assertThat(opened.get().contentType()).isEqualTo(o.contentType());
  }

  @Test
  void openSigned_expiredLink_isEmpty() {
    assumeTrue(supportsOpenSigned(), "links of this store do not point back at OVPO");
    StoredObject o = fx.object(key());
    store.put(o);
    SignedUrl url = store.sign(tenant, o.key(), clock.instant().plus(TEN_MINUTES));
    assertThat(store.openSigned(params(url), url.expiresAt().minusMillis(1))).isPresent();
    assertThat(store.openSigned(params(url), url.expiresAt())).isEmpty();
    assertThat(store.openSigned(params(url), url.expiresAt().plus(Duration.ofDays(1)))).isEmpty();
  }

  @Test
  void openSigned_anyAlteredParameter_isEmpty() {
    assumeTrue(supportsOpenSigned(), "links of this store do not point back at OVPO");
    StoredObject o = fx.object(key());
    store.put(o);
    SignedUrl url = store.sign(tenant, o.key(), clock.instant().plus(TEN_MINUTES));
    Map<String, String> valid = params(url);
    Instant now = clock.instant();
    for (String name : valid.keySet()) {
      Map<String, String> altered = new HashMap<>(valid);
      altered.put(name, alter(valid.get(name)));
      assertThat(store.openSigned(altered, now)).as("altered %s", name).isEmpty();
      Map<String, String> missing = new HashMap<>(valid);
      missing.remove(name);
      assertThat(store.openSigned(missing, now)).as("without %s", name).isEmpty();
    }
  }

  @Test
  void openSigned_linkOfOneObjectPointedAtAnother_isEmpty() {
    assumeTrue(supportsOpenSigned(), "links of this store do not point back at OVPO");
    StoredObject a = fx.object(key());
    StoredObject b = fx.object(key());
    store.put(a);
    store.put(b);
    Map<String, String> forA =
        params(store.sign(tenant, a.key(), clock.instant().plus(TEN_MINUTES)));
    Map<String, String> forB =
        params(store.sign(tenant, b.key(), clock.instant().plus(TEN_MINUTES)));
    int swaps = 0;
    for (String name : forA.keySet()) {
      if (forA.get(name).contains(a.key())) {
        Map<String, String> swapped = new HashMap<>(forA);
        swapped.put(name, forB.get(name));
        assertThat(store.openSigned(swapped, clock.instant())).as("swapped %s", name).isEmpty();
        swaps++;
      }
    }
    assertThat(swaps).as("parameters naming the object").isPositive();
  }

  @Test
  void signedKey_linkWithItsTenantAltered_isEmpty() {
    assumeTrue(supportsOpenSigned(), "links of this store do not point back at OVPO");
    StoredObject o = fx.object(key());
    store.put(o);
    TenantId other = fx.tenant();
    Map<String, String> forMine =
        params(store.sign(tenant, o.key(), clock.instant().plus(TEN_MINUTES)));
    Map<String, String> forOther =
        params(store.sign(other, o.key(), clock.instant().plus(TEN_MINUTES)));
    assertThat(store.signedKey(forMine, clock.instant()))
        .contains(new ObjectGrant(tenant, o.key()));
    int swaps = 0;
    for (String name : forMine.keySet()) {
      if (forMine.get(name).equals(tenant.value())) {
        Map<String, String> moved = new HashMap<>(forMine);
        moved.put(name, other.value());
        assertThat(store.signedKey(moved, clock.instant())).as("tenant in %s", name).isEmpty();
        Map<String, String> swapped = new HashMap<>(forMine);
        swapped.put(name, forOther.get(name));
        assertThat(store.signedKey(swapped, clock.instant())).as("swapped %s", name).isEmpty();
        swaps++;
      }
    }
    assertThat(swaps).as("parameters naming the tenant").isPositive();
  }

  @Test
  void openSigned_deletedObject_isEmpty() {
    assumeTrue(supportsOpenSigned(), "links of this store do not point back at OVPO");
    StoredObject o = fx.object(key());
    store.put(o);
    SignedUrl url = store.sign(tenant, o.key(), clock.instant().plus(TEN_MINUTES));
    store.delete(o.key());
    assertThat(store.openSigned(params(url), clock.instant())).isEmpty();
  }

  @Test
  void signedKey_ofADeletedObject_stillNamesIt_soADeletedObjectIsToldFromABadLink() {
    assumeTrue(supportsOpenSigned(), "links of this store do not point back at OVPO");
    StoredObject o = fx.object(key());
    store.put(o);
    SignedUrl url = store.sign(tenant, o.key(), clock.instant().plus(TEN_MINUTES));
    ObjectGrant grant = new ObjectGrant(tenant, o.key());
    assertThat(store.signedKey(params(url), clock.instant())).contains(grant);
    store.delete(o.key());
    assertThat(store.signedKey(params(url), clock.instant())).contains(grant);
    assertThat(store.signedKey(params(url), url.expiresAt())).isEmpty();
  }

  @Test
  void openSigned_garbage_isEmptyNeverAnError() {
    assumeTrue(supportsOpenSigned(), "links of this store do not point back at OVPO");
    Instant now = clock.instant();
    assertThat(store.openSigned(Map.of(), now)).isEmpty();
    assertThat(store.openSigned(Map.of("key", "x", "expires", "soon", "signature", "zz"), now))
        .isEmpty();
    assertThat(store.openSigned(Map.of("key", "", "expires", "", "signature", ""), now)).isEmpty();
  }

  // ---- helpers ----

  private String key() {
    return "artifacts/" + fx.uuid() + ".mp4";
  }

  /** The decoded query parameters of a signed link. */
  protected static Map<String, String> params(SignedUrl url) {
    Map<String, String> out = new LinkedHashMap<>();
    String query = url.url().getRawQuery();
    assertThat(query).as("signed link query").isNotBlank();
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String name = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(decode(name), decode(value));
    }
    return out;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  /** A value differing in its first character (every bit of which is significant). */
  private static String alter(String v) {
    if (v.isEmpty()) {
      return "x";
    }
    char c = v.charAt(0);
    char d =
        Character.isDigit(c)
            ? (char) ('0' + (c - '0' + 1) % 10)
            : Character.isLetter(c) ? (c == 'z' ? 'a' : c == 'Z' ? 'A' : (char) (c + 1)) : 'x';
    return d + v.substring(1);
  }
}
