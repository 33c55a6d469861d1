package io.ovpo.app.common.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves the built web UI (a single-page app packed as classpath resources under one folder, e.g.
 * {@code /ovpo-ui/}) as the routing table's fallback: a GET or HEAD of a file answers that file,
 * any other GET or HEAD outside the API (a client route such as {@code /traces/{id}}) answers
 * {@code index.html}, so a refresh on a deep link works. The UI is built with relative asset paths,
 * so a deep link's {@code /traces/assets/x.js} is the same file as {@code /assets/x.js}. {@code
 * /v1/...}, other methods and missing files with an extension go to {@code otherwise} (the JSON
 * 404), so the UI never shadows the API.
 *
 * <p>Vite names everything under {@code assets/} by content hash, so those are cached for a year as
 * immutable; {@code index.html} and the other files are {@code no-cache} with a strong ETag. A
 * missing UI (a backend-only build) leaves every path to {@code otherwise}.
 */
public final class SpaResources implements HttpHandler {
  /** The classpath folder the server jar packs the UI into. */
  public static final String DEFAULT_ROOT = "ovpo-ui";

  static final String IMMUTABLE = "public, max-age=31536000, immutable";
  static final String NO_CACHE = "no-cache";

  /**
   * The UI calls only its own origin; artifacts come from signed URLs, which may be an object
   * store's (any https host), so images and media are not limited to 'self'.
   */
  static final String CSP =
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
          + "img-src 'self' data: blob: https: http:; media-src 'self' blob: https: http:; "
          + "connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

  private static final Map<String, String> TYPES =
      Map.ofEntries(
          Map.entry("html", "text/html; charset=utf-8"),
          Map.entry("js", "text/javascript; charset=utf-8"),
          Map.entry("mjs", "text/javascript; charset=utf-8"),
          Map.entry("css", "text/css; charset=utf-8"),
          Map.entry("json", "application/json"),
          Map.entry("map", "application/json"),
          Map.entry("svg", "image/svg+xml"),
          Map.entry("png", "image/png"),
          Map.entry("jpg", "image/jpeg"),
          Map.entry("webp", "image/webp"),
          Map.entry("ico", "image/x-icon"),
          Map.entry("woff2", "font/woff2"),
          Map.entry("txt", "text/plain; charset=utf-8"));

  /** One loaded file; classpath resources of a running jar never change, so they are kept. */
  private record Resource(byte[] bytes, String contentType, String etag) {}

  private final ClassLoader loader;
  private final String root;
  private final HttpHandler otherwise;
  private final Map<String, Resource> cache = new ConcurrentHashMap<>();

  /**
   * @param loader where the UI's files are
   * @param root the classpath folder holding {@code index.html}, without slashes
   * @param otherwise what answers API paths, other methods and missing files
   */
  public SpaResources(ClassLoader loader, String root, HttpHandler otherwise) {
    this.loader = Objects.requireNonNull(loader, "loader");
    this.root = Objects.requireNonNull(root, "root");
    this.otherwise = Objects.requireNonNull(otherwise, "otherwise");
  }

  /** The UI packed under {@link #DEFAULT_ROOT} of this class's class loader. */
  public static SpaResources packaged(HttpHandler otherwise) {
    return new SpaResources(SpaResources.class.getClassLoader(), DEFAULT_ROOT, otherwise);
  }

  /** Whether the UI's {@code index.html} is on the classpath at all. */
  public boolean present() {
    return load("index.html").isPresent();
  }

  @Override
  public void handleRequest(HttpServerExchange ex) throws Exception {
    boolean head = Methods.HEAD.equals(ex.getRequestMethod());
    String path = ex.getRelativePath();
    if (!(head || Methods.GET.equals(ex.getRequestMethod())) || isApi(path) || unsafe(path)) {
      otherwise.handleRequest(ex);
      return;
    }
    String name = path.equals("/") || path.isEmpty() ? "index.html" : path.substring(1);
    int assets = name.lastIndexOf("/assets/");
    if (assets >= 0) {
      // base './': on a deep link (/traces/{id}) the page asks for /traces/assets/x.js.
      name = name.substring(assets + 1);
    }
    Optional<Resource> file = name.endsWith("/") ? Optional.empty() : load(name);
    if (file.isEmpty() && !looksLikeFile(name)) {
      name = "index.html";
      file = load(name);
    }
    if (file.isEmpty()) {
      otherwise.handleRequest(ex);
      return;
    }
    send(ex, file.get(), name.startsWith("assets/") ? IMMUTABLE : NO_CACHE, head);
  }

  private static void send(HttpServerExchange ex, Resource r, String cacheControl, boolean head) {
    var headers = ex.getResponseHeaders();
    headers.put(Headers.CACHE_CONTROL, cacheControl);
    headers.put(Headers.ETAG, r.etag());
    headers.put(Headers.CONTENT_TYPE, r.contentType());
    Exchanges.setHeader(ex, "X-Content-Type-Options", "nosniff");
    if (r.contentType().startsWith("text/html")) {
      Exchanges.setHeader(ex, "Content-Security-Policy", CSP);
      Exchanges.setHeader(ex, "Referrer-Policy", "no-referrer");
    }
    String ifNoneMatch = ex.getRequestHeaders().getFirst(Headers.IF_NONE_MATCH);
    if (r.etag().equals(ifNoneMatch)) {
      ex.setStatusCode(304);
      ex.endExchange();
      return;
    }
    ex.setStatusCode(200);
    headers.put(Headers.CONTENT_LENGTH, r.bytes().length);
    if (head) {
      ex.endExchange();
    } else {
      ex.getResponseSender().send(ByteBuffer.wrap(r.bytes()));
    }
  }

  private static boolean isApi(String path) {
    return path.equals("/v1") || path.startsWith("/v1/");
  }

  /** Path traversal and odd characters never reach the class loader. */
  private static boolean unsafe(String path) {
    return path.contains("..") || path.contains("\\") || path.contains("//");
  }

  /** A last segment with a dot is a file request: a missing one is a 404, not the app. */
  private static boolean looksLikeFile(String name) {
    int slash = name.lastIndexOf('/');
    return name.indexOf('.', slash + 1) >= 0;
  }

  /** Only files that exist are kept: caching misses would let any client grow the map. */
  private Optional<Resource> load(String name) {
    Resource hit = cache.get(name);
    if (hit != null) {
      return Optional.of(hit);
    }
    Optional<Resource> read = read(name);
    read.ifPresent(r -> cache.put(name, r));
    return read;
  }

  private Optional<Resource> read(String name) {
    try (InputStream in = loader.getResourceAsStream(root + "/" + name)) {
      if (in == null) {
        return Optional.empty();
      }
      byte[] bytes = in.readAllBytes();
      return Optional.of(new Resource(bytes, contentType(name), etag(bytes)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String contentType(String name) {
    String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    return TYPES.getOrDefault(ext, "application/octet-stream");
  }

  private static String etag(byte[] bytes) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(bytes);
      return "\"" + HexFormat.of().formatHex(d, 0, 16) + "\"";
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
