package io.ovpo.app.query;

import io.ovpo.ports.error.InvalidValueException;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.util.function.Function;

/** Ids taken from a request path; a malformed one is a malformed parameter (spec 05 §1 rule 6). */
final class PathIds {
  private PathIds() {}

  static TraceId trace(QueryParams p) {
    return id(p, "trace_id", TraceId::of, "a lower-case UUID v4");
  }

  static KeyId key(QueryParams p) {
    return id(p, "key_id", KeyId::of, "a lower-case UUID v4");
  }

  static TenantId tenant(QueryParams p) {
    return id(p, "tenant_id", TenantId::of, "a tenant id ([a-z0-9][a-z0-9_-]{2,62})");
  }

  private static <T> T id(QueryParams p, String name, Function<String, T> make, String form) {
    try {
      return make.apply(p.path(name));
    } catch (InvalidValueException e) {
      throw QueryParams.invalid("path parameter '" + name + "' must be " + form);
    }
  }
}
