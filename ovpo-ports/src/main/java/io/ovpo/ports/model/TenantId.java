package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;
import java.util.regex.Pattern;

/** A tenant. Always derived from the API key, never trusted from a payload or query string. */
public record TenantId(String value) implements Comparable<TenantId> {
  public static final Pattern PATTERN = Pattern.compile("^[a-z0-9][a-z0-9_-]{2,62}$");

  public TenantId {
    Checks.matches("tenant_id", value, PATTERN);
  }

  public static TenantId of(String value) {
    return new TenantId(value);
  }

  @Override
  public int compareTo(TenantId other) {
    return value.compareTo(other.value);
  }

  @Override
  public String toString() {
    return value;
  }
}
