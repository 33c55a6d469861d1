package io.ovpo.app.common.http;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import java.util.UUID;
import java.util.regex.Pattern;

/** The request id of an exchange: a client's X-Request-Id when sane, else a fresh UUID. */
public final class RequestIds {
  public static final String HEADER = "X-Request-Id";
  static final AttachmentKey<String> KEY = AttachmentKey.create(String.class);
  private static final Pattern SANE = Pattern.compile("^[A-Za-z0-9._:-]{8,128}$");

  private RequestIds() {}

  /** Assigns (once) and returns the exchange's request id. */
  public static String of(HttpServerExchange ex) {
    String id = ex.getAttachment(KEY);
    if (id == null) {
      String given = ex.getRequestHeaders().getFirst(HEADER);
      id = given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
      ex.putAttachment(KEY, id);
    }
    return id;
  }
}
