package io.ovpo.app.query;

import io.ovpo.app.common.http.BodyReader;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.UncheckedIOException;

/** Reads the small JSON bodies of the admin and artifact endpoints (at most 64 KiB). */
final class AdminBodies {
  static final int MAX_BYTES = 64 * 1024;
  private static final BodyReader READER = new BodyReader(MAX_BYTES);

  private AdminBodies() {}

  static byte[] read(HttpServerExchange ex) {
    try {
      return READER.read(ex);
    } catch (IOException e) {
      throw new UncheckedIOException("could not read the request body", e);
    }
  }
}
