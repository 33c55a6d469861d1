package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.adapter.inmemory.InMemoryAdapters;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.SeededTrace;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import io.ovpo.ports.model.ArtifactId;
import io.ovpo.ports.model.TraceId;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Signed artifact links: issuing (trace:read, audited) and serving them (spec 05 §7). */
class ITArtifacts {
  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITArtifacts");
    http = server.http();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  /** The link's path and query, to be fetched from the test server. */
  static String local(String url) {
    URI u = URI.create(url);
    return u.getRawPath() + "?" + u.getRawQuery();
  }

  @Test
  void signedUrl_isValidForTenMinutes_andDownloadsWithoutAnApiKey() {
    TenantKeys t = server.newTenant();
    SeededTrace s = server.storeTraceWithArtifact(t.id());
    Instant before = Instant.now();
    Reply r = http.post("/v1/artifacts/signed-url", t.viewer(), s.signedUrlBody());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    assertThat(r.header("Cache-Control")).contains("no-store");
    JsonNode body = r.json();
    Instant expires = Instant.parse(body.get("expires_at").asText());
    assertThat(expires)
        .isBetween(
            before.plus(Duration.ofMinutes(10)).minusSeconds(2),
            before.plus(Duration.ofMinutes(10)).plusSeconds(5));
    String url = body.get("url").asText();
    assertThat(url).contains("/v1/artifacts/download?");

    Reply download = http.get(local(url), null);
    assertThat(download.status()).isEqualTo(200);
    assertThat(download.bytes()).isEqualTo(s.bytes());
    assertThat(download.header("Content-Type")).contains("video/mp4");
    assertThat(download.header("X-Content-Type-Options")).contains("nosniff");
  }

  @Test
  void alteredForgedOrExpiredLinks_areForbidden() {
    TenantKeys t = server.newTenant();
    SeededTrace s = server.storeTraceWithArtifact(t.id());
    SeededTrace other = server.storeTraceWithArtifact(t.id());
    String link =
        local(
            http.post("/v1/artifacts/signed-url", t.viewer(), s.signedUrlBody())
                .json()
                .get("url")
                .asText());
    String sig = link.substring(link.indexOf("signature=") + "signature=".length());
    String expires = link.replaceAll(".*expires=(\\d+).*", "$1");
    String expired =
        local(
            InMemoryAdapters.builder()
                .signingSecret(TestServer.utf8(TestServer.SIGNING_SECRET))
                .signedUrlBase("http://localhost/v1/artifacts/download")
                .build()
                .objectStore()
                .sign(t.id(), s.objectKey(), Instant.now().minusSeconds(1))
                .url()
                .toString());
    List<String> bad =
        List.of(
            link.replace("signature=" + sig, "signature=" + ITTraceList.flip(sig, 0)),
            link.replace(encode(s.objectKey()), encode(other.objectKey())),
            link.replace("expires=" + expires, "expires=" + (Long.parseLong(expires) + 3600)),
            link.replace("tenant=" + t.id().value(), "tenant=" + server.newTenant().id().value()),
            link.replace("&signature=" + sig, ""),
            link + "&signature=" + sig,
            expired,
            "/v1/artifacts/download");
    for (String b : bad) {
      Reply r = http.get(b, null);
      assertThat(r.status()).as(b).isEqualTo(403);
      assertThat(r.errorCode()).isEqualTo("FORBIDDEN");
    }
    assertThat(http.get(link, null).status()).isEqualTo(200);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void unknownTraceOrArtifact_is404_andBadBodiesAre400() {
    TenantKeys t = server.newTenant();
    SeededTrace s = server.storeTraceWithArtifact(t.id());
    String unknownArtifact =
        "{\"trace_id\":\""
            + s.traceId()
            + "\",\"artifact_id\":\""
            + ArtifactId.of(TraceId.random().value()).value()
            + "\"}";
    String unknownTrace =
        "{\"trace_id\":\""
            + TraceId.random()
            + "\",\"artifact_id\":\""
            + s.artifactId().value()
            + "\"}";
    assertThat(http.post("/v1/artifacts/signed-url", t.viewer(), unknownArtifact).status())
        .isEqualTo(404);
    assertThat(http.post("/v1/artifacts/signed-url", t.viewer(), unknownTrace).status())
        .isEqualTo(404);
    assertThat(
            http.post("/v1/artifacts/signed-url", t.viewer(), "{\"trace_id\":\"x\"}").errorCode())
        .isEqualTo("INVALID_PARAMETER");
    assertThat(http.post("/v1/artifacts/signed-url", t.viewer(), "[").errorCode())
        .isEqualTo("MALFORMED_JSON");
    assertThat(http.post("/v1/artifacts/signed-url", null, s.signedUrlBody()).status())
        .isEqualTo(401);
  }
}
