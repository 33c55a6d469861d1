package io.ovpo.ports.in;

/** Which budget a request draws from. */
public enum RateScope {
  INGEST("ingest"),
  QUERY("query");

  private final String key;

  RateScope(String key) {
    this.key = key;
  }

  /** Name used in bucket keys and metrics. */
  public String key() {
    return key;
  }
}
