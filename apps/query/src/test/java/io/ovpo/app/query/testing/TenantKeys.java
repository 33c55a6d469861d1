package io.ovpo.app.query.testing;

import io.ovpo.ports.model.TenantId;

/** A fresh tenant with one API key per tenant role. */
public record TenantKeys(TenantId id, String viewer, String developer, String admin) {
  public String tenant() {
    return id.value();
  }
}
