package io.ovpo.app.query;

import io.ovpo.app.common.http.Exchanges;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.in.ArtifactAccessUseCase;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.StoredObject;
import io.ovpo.wire.ModelWriter;
import io.ovpo.wire.RequestJson;
import io.ovpo.wire.SignedUrlRequest;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.nio.ByteBuffer;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;

/**
 * Signed artifact links (spec 05 §7). {@code POST /v1/artifacts/signed-url} needs trace:read, looks
 * the artifact up in the caller's tenant, is audited (ARTIFACT_DOWNLOAD) and answers a link valid
 * for 10 minutes. {@code GET /v1/artifacts/download} needs no API key: the HMAC signature in the
 * link is the authorization, and an expired, altered or forged link is a 403.
 */
final class ArtifactsHandler {
  private final Authenticated authenticated;
  private final ArtifactAccessUseCase artifacts;
  private final StoreTimer timer;

  @Inject
  ArtifactsHandler(Authenticated authenticated, ArtifactAccessUseCase artifacts, StoreTimer timer) {
    this.authenticated = authenticated;
    this.artifacts = artifacts;
    this.timer = timer;
  }

  void signedUrl(HttpServerExchange ex) {
    Principal principal = authenticated.require(ex, Permission.TRACE_READ);
    QueryParams.of(ex, Set.of());
    SignedUrlRequest body = RequestJson.signedUrlRequest(AdminBodies.read(ex));
    SignedUrl url =
        timer.time(
            () ->
                artifacts.signedUrl(
                    principal, Authenticated.context(ex), body.traceId(), body.artifactId()));
    Responses.jsonNoStore(ex, 200, ModelWriter.signedUrl(url));
  }

  void download(HttpServerExchange ex) {
    StoredObject object = timer.time(() -> artifacts.download(linkParameters(ex)));
    ex.setStatusCode(200);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, object.contentType());
    ex.getResponseHeaders().put(Headers.CONTENT_LENGTH, object.data().length);
    Exchanges.setHeader(ex, "Cache-Control", "private, no-store");
    // The content type is the client's claim; never let a browser guess another one.
    Exchanges.setHeader(ex, "X-Content-Type-Options", "nosniff");
    ex.getResponseSender().send(ByteBuffer.wrap(object.data()));
  }

  /** The link's parameters; a repeated one means the link was tampered with. */
  private static Map<String, String> linkParameters(HttpServerExchange ex) {
    Map<String, String> out = new HashMap<>();
    for (Map.Entry<String, Deque<String>> e : ex.getQueryParameters().entrySet()) {
      if (e.getValue().size() != 1) {
        throw new OvpoException(
            ErrorCode.FORBIDDEN, "the download link is invalid, altered or expired");
      }
      out.put(e.getKey(), e.getValue().getFirst());
    }
    return out;
  }
}
