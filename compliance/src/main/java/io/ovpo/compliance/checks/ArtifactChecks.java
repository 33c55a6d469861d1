package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.http.Reply;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Signed artifact URLs (spec 05 §7). */
public final class ArtifactChecks {
  private ArtifactChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "query.signed-artifact-url",
            "05 §7",
            "A signed URL is issued for an artifact of the tenant, expires in 10 minutes, and a"
                + " tampered link is 403",
            ArtifactChecks::signedUrl));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "query", spec, title, body);
  }

  static void signedUrl(Session s) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    ObjectNode artifact = Items.artifact("THUMBNAIL", "ovpo://compliance/" + traceId + "/0.jpg");
    s.ingestAll(
        Batch.of()
            .trace(s.items().trace(traceId, "COMPLETED", t0))
            .manifest(Items.manifest(traceId, artifact)));
    s.awaitTrace(traceId, "the artifact", d -> d.path("artifacts").size() == 1);
    Instant before = Instant.now();
    Reply r =
        status(requestSignedUrl(s, traceId, artifact.path("artifact_id").asText(), null), 200);
    equal(r.header("Cache-Control").orElse(null), "no-store", "Cache-Control");
    JsonNode body = r.json();
    String url = body.path("url").asText("");
    that(!url.isEmpty(), "url is required: %s", body);
    Instant expires = Instant.parse(body.path("expires_at").asText());
    Duration ttl = Duration.between(before, expires);
    that(
        ttl.compareTo(Duration.ofSeconds(590)) >= 0 && ttl.compareTo(Duration.ofSeconds(610)) <= 0,
        "expires_at must be 10 minutes after issue, got %s",
        ttl);
    error(requestSignedUrl(s, traceId, Items.id(), null), 404, "NOT_FOUND");
    error(
        requestSignedUrl(s, Items.id(), artifact.path("artifact_id").asText(), null),
        404,
        "NOT_FOUND");
    error(
        requestSignedUrl(s, traceId, artifact.path("artifact_id").asText(), "x"),
        400,
        "INVALID_PARAMETER");
    URI link = URI.create(url);
    URI base = URI.create(s.http().baseUrl());
    if (link.getPort() != base.getPort() || link.getRawQuery() == null) {
      return; // a presigned object-store URL or another host: not this server's download endpoint
    }
    String query = link.getRawQuery();
    String tampered = query.substring(0, query.length() - 1) + (query.endsWith("A") ? "B" : "A");
    Reply forged = s.http().get(link.getRawPath() + "?" + tampered, null);
    error(forged, 403, "FORBIDDEN");
  }

  private static Reply requestSignedUrl(
      Session s, String traceId, String artifactId, String extra) {
    ObjectNode body =
        JsonNodeFactory.instance
            .objectNode()
            .put("trace_id", traceId)
            .put("artifact_id", artifactId);
    if (extra != null) {
      body.put("extra", extra);
    }
    return s.http()
        .call("POST", "/v1/artifacts/signed-url")
        .key(s.apiKey())
        .header("Content-Type", "application/json")
        .json(body.toString())
        .send();
  }
}
