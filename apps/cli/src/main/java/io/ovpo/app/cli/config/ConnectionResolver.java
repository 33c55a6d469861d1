package io.ovpo.app.cli.config;

import io.ovpo.app.cli.CliException;
import io.ovpo.app.cli.Environment;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Decides the server URL and the API key. Highest precedence first: the {@code --url} / {@code
 * --api-key} flags; the profile named by {@code --profile}; the {@code OVPO_URL} / {@code
 * OVPO_API_KEY} variables; the profile named by {@code OVPO_PROFILE}, else the {@code default}
 * profile when its file exists; for the URL, finally {@code http://localhost:8080}.
 */
public final class ConnectionResolver {
  /** The URL of an all-in-one server started with its defaults. */
  public static final String DEFAULT_URL = "http://localhost:8080";

  /**
   * What the command line said.
   *
   * @param url {@code --url}
   * @param apiKey {@code --api-key}
   * @param profile {@code --profile}
   */
  public record Flags(Optional<String> url, Optional<String> apiKey, Optional<String> profile) {}

  /**
   * The outcome.
   *
   * @param connection the URL and key to use
   * @param warnings things the user should fix (a profile file others can read)
   */
  public record Resolved(Connection connection, List<String> warnings) {
    public Resolved {
      warnings = List.copyOf(warnings);
    }
  }

  private ConnectionResolver() {}

  /**
   * @throws CliException (usage) for a named profile that does not exist, a malformed URL or a
   *     malformed key (which is not shown)
   */
  public static Resolved resolve(Flags flags, Environment env) {
    ProfileStore store = new ProfileStore(env.configDir());
    Optional<Profile> explicit = flags.profile().map(name -> required(store, name, "--profile"));
    Optional<Profile> implicit =
        env.get("OVPO_PROFILE")
            .map(name -> required(store, name, "OVPO_PROFILE"))
            .or(() -> store.load(ProfileStore.DEFAULT));

    Sourced url =
        first(
                flags.url().map(u -> new Sourced(u, "--url")),
                explicit.flatMap(p -> p.url().map(u -> new Sourced(u, "profile " + p.file()))),
                env.get("OVPO_URL").map(u -> new Sourced(u, "OVPO_URL")),
                implicit.flatMap(p -> p.url().map(u -> new Sourced(u, "profile " + p.file()))))
            .orElse(new Sourced(DEFAULT_URL, "default"));
    Optional<Sourced> key =
        first(
            flags.apiKey().map(k -> new Sourced(k, "--api-key")),
            explicit.flatMap(p -> p.apiKey().map(k -> new Sourced(k, "profile " + p.file()))),
            env.get("OVPO_API_KEY").map(k -> new Sourced(k, "OVPO_API_KEY")),
            implicit.flatMap(p -> p.apiKey().map(k -> new Sourced(k, "profile " + p.file()))));

    key.ifPresent(
        k -> {
          if (!ApiKeys.isWellFormed(k.value())) {
            throw CliException.usage(
                "the API key from "
                    + k.source()
                    + " is not an OVPO API key (ovpo_<8-16 of a-z0-9>_<32-64 of A-Za-z0-9>);"
                    + " it is not shown");
          }
        });
    List<String> warnings = new ArrayList<>();
    for (Optional<Profile> p : List.of(explicit, implicit)) {
      p.filter(pr -> pr.apiKey().isPresent())
          .filter(pr -> key.isPresent() && key.get().source().equals("profile " + pr.file()))
          .filter(pr -> ProfileStore.readableByOthers(pr.file()))
          .ifPresent(
              pr ->
                  warnings.add(
                      pr.file() + " holds an API key and other users can read it: chmod 600 it"));
    }
    return new Resolved(
        new Connection(
            parseUrl(url),
            key.map(Sourced::value),
            url.source(),
            key.map(Sourced::source).orElse("none")),
        warnings);
  }

  private static Profile required(ProfileStore store, String name, String origin) {
    return store
        .load(name)
        .orElseThrow(
            () ->
                CliException.usage(
                    "profile '"
                        + name
                        + "' (from "
                        + origin
                        + ") does not exist: no file "
                        + store.file(name)));
  }

  /** Checks the URL: http or https, a host, no query or fragment; the trailing slash dropped. */
  static URI parseUrl(Sourced url) {
    String text = url.value().replaceAll("/+$", "");
    try {
      URI uri = new URI(text);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
      if (!(scheme.equals("http") || scheme.equals("https"))
          || uri.getHost() == null
          || uri.getRawQuery() != null
          || uri.getRawFragment() != null) {
        throw new URISyntaxException(text, "expected http(s)://host[:port][/path]");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw CliException.usage(
          "the server URL '"
              + url.value()
              + "' from "
              + url.source()
              + " is invalid: "
              + e.getReason());
    }
  }

  @SafeVarargs
  private static Optional<Sourced> first(Optional<Sourced>... candidates) {
    for (Optional<Sourced> c : candidates) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  /** A value with where it came from. */
  record Sourced(String value, String source) {
    @Override
    public String toString() {
      return "Sourced[source=" + source + "]";
    }
  }
}
