package io.ovpo.app.cli.config;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * Where ovpo sends requests and with which key, and where each came from (a flag, a variable, a
 * profile file), so {@code ovpo config show} can explain it.
 *
 * @param url the server's base URL, without a trailing slash
 * @param apiKey the API key; never printed, see {@link #toString()}
 * @param urlSource where the URL came from, e.g. {@code OVPO_URL}
 * @param keySource where the key came from; {@code none} when there is no key
 */
public record Connection(URI url, Optional<String> apiKey, String urlSource, String keySource) {
  public Connection {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(apiKey, "apiKey");
    Objects.requireNonNull(urlSource, "urlSource");
    Objects.requireNonNull(keySource, "keySource");
  }

  /** The key masked: a record's generated toString would print the secret. */
  @Override
  public String toString() {
    return "Connection[url="
        + url
        + ", apiKey="
        + apiKey.map(ApiKeys::masked).orElse("none")
        + ", urlSource="
        + urlSource
        + ", keySource="
        + keySource
        + "]";
  }
}
