package io.ovpo.app.common.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.undertow.Undertow;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The SPA handler over a real Undertow, with a tiny UI under test resources {@code spa-test/}. */
class SpaResourcesTest {
  private static final HttpHandler NOT_FOUND =
      ex -> {
        ex.setStatusCode(404);
        ex.getResponseSender().send("api-404");
      };
  private static Undertow server;
  private static String base;
  private static final HttpClient client = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    SpaResources spa =
        new SpaResources(SpaResourcesTest.class.getClassLoader(), "spa-test", NOT_FOUND);
    server = Undertow.builder().addHttpListener(0, "127.0.0.1").setHandler(spa).build();
    server.start();
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    base = "http://127.0.0.1:" + port;
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  private static HttpResponse<String> send(String method, String path, String ifNoneMatch)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(base + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
    if (ifNoneMatch != null) {
      b.header("If-None-Match", ifNoneMatch);
    }
    return client.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  @Test
  void root_servesIndexHtml_noCache_withCsp() throws Exception {
    HttpResponse<String> r = send("GET", "/", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("./assets/app-1a2b.js");
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-cache");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("default-src 'self'");
  }

  @Test
  void clientRoute_fallsBackToIndexHtml() throws Exception {
    HttpResponse<String> r = send("GET", "/traces/3f2b8c1e-9a4d-4e2f-8b7a-1c2d3e4f5a6b", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("<title>t</title>");
  }

  @Test
  void hashedAsset_isImmutable_evenUnderADeepLinkPath() throws Exception {
    HttpResponse<String> direct = send("GET", "/assets/app-1a2b.js", null);
    HttpResponse<String> nested = send("GET", "/traces/assets/app-1a2b.js", null);
    assertThat(direct.statusCode()).isEqualTo(200);
    assertThat(direct.headers().firstValue("Cache-Control"))
        .hasValue("public, max-age=31536000, immutable");
    assertThat(direct.headers().firstValue("Content-Type").orElse(""))
        .startsWith("text/javascript");
    assertThat(nested.statusCode()).isEqualTo(200);
    assertThat(nested.body()).isEqualTo(direct.body());
  }

  @Test
  void apiPaths_missingFiles_otherMethods_andTraversal_goToTheFallback() throws Exception {
    assertThat(send("GET", "/v1/nothing-here", null).body()).isEqualTo("api-404");
    assertThat(send("GET", "/v1", null).body()).isEqualTo("api-404");
    assertThat(send("GET", "/assets/missing-0000.js", null).statusCode()).isEqualTo(404);
    assertThat(send("GET", "/favicon.ico", null).statusCode()).isEqualTo(404);
    assertThat(send("POST", "/traces", null).body()).isEqualTo("api-404");
    assertThat(send("GET", "/assets/../index.html", null).statusCode()).isIn(400, 404);
  }

  @Test
  void sameEtag_answers304_andHeadHasNoBody() throws Exception {
    HttpResponse<String> first = send("GET", "/", null);
    String etag = first.headers().firstValue("ETag").orElseThrow();
    assertThat(send("GET", "/", etag).statusCode()).isEqualTo(304);
    HttpResponse<String> head = send("HEAD", "/", null);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
  }

  @Test
  void withoutAUi_everythingGoesToTheFallback() throws Exception {
    SpaResources none = new SpaResources(getClass().getClassLoader(), "no-such-ui", NOT_FOUND);
    assertThat(none.present()).isFalse();
  }
}
