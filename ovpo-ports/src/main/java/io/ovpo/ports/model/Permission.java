package io.ovpo.ports.model;

/** A capability an API key's role grants, with its wire name ({@code trace:read}, ...). */
public enum Permission {
  TRACE_READ("trace:read"),
  METRIC_READ("metric:read"),
  TRACE_WRITE("trace:write"),
  ADMIN_DELETE("admin:delete"),
  ADMIN_KEYS("admin:keys"),
  ADMIN_TENANTS("admin:tenants");

  private final String wire;

  Permission(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }
}
