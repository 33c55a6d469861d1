package io.ovpo.app.common.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.Optional;

/** Remembers the authenticated tenant on the exchange, for the access log. */
public final class TenantTag {
  private static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);

  private TenantTag() {}

  public static void set(HttpServerExchange ex, String tenantId) {
    ex.putAttachment(KEY, tenantId);
  }

  public static Optional<String> get(HttpServerExchange ex) {
    return Optional.ofNullable(ex.getAttachment(KEY));
  }
}
