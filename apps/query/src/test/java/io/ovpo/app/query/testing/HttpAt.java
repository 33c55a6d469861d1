package io.ovpo.app.query.testing;

/** An {@link Http} client for a server the test started itself. */
public final class HttpAt {
  private HttpAt() {}

  public static Http port(int port) {
    return new Http(port);
  }
}
