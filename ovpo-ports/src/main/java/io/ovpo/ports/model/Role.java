package io.ovpo.ports.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Role of an API key. Each role has every permission of the one before it: viewer (trace:read,
 * metric:read), developer (+ trace:write), admin (+ admin:delete, admin:keys), super_admin (+
 * admin:tenants).
 */
public enum Role {
  VIEWER("viewer", EnumSet.of(Permission.TRACE_READ, Permission.METRIC_READ)),
  DEVELOPER("developer", EnumSet.of(Permission.TRACE_WRITE)),
  ADMIN("admin", EnumSet.of(Permission.ADMIN_DELETE, Permission.ADMIN_KEYS)),
  SUPER_ADMIN("super_admin", EnumSet.of(Permission.ADMIN_TENANTS));

  private final String wire;
  private final Set<Permission> added;

  Role(String wire, Set<Permission> added) {
    this.wire = wire;
    this.added = added;
  }

  public String wire() {
    return wire;
  }

  /** Every permission of this role, inherited ones included. */
  public Set<Permission> permissions() {
    EnumSet<Permission> all = EnumSet.noneOf(Permission.class);
    for (Role r : values()) {
      all.addAll(r.added);
      if (r == this) {
        break;
      }
    }
    return Collections.unmodifiableSet(all);
  }

  public boolean can(Permission p) {
    return permissions().contains(p);
  }

  public static Optional<Role> fromWire(String wire) {
    return Arrays.stream(values()).filter(r -> r.wire.equals(wire)).findFirst();
  }
}
