package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.CheckFailure;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.http.Call;
import io.ovpo.compliance.http.Reply;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The request-level refusals of the ingest endpoint (spec 02 §1-§2, §6): every status code and
 * error body, and the order in which the checks apply.
 */
public final class IngestRequestChecks {
  private static final String PATH = "/v1/ingest/batch";

  private static final int MAX_BODY = 5_242_880;

  private IngestRequestChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "ingest.unauthenticated",
            "02 §2 check 2, 06 §2",
            "A missing, malformed or unknown key is 401 UNAUTHENTICATED with the same message and"
                + " WWW-Authenticate",
            IngestRequestChecks::unauthenticated),
        check(
            "ingest.bearer-scheme-case-insensitive",
            "02 §1, 06 §2 rule 1",
            "The Authorization scheme is case-insensitive",
            IngestRequestChecks::bearerCaseInsensitive),
        check(
            "ingest.method-not-allowed",
            "02 §2 check 1",
            "Any method but POST is 405 METHOD_NOT_ALLOWED with Allow: POST",
            IngestRequestChecks::methodNotAllowed),
        check(
            "ingest.unsupported-media-type",
            "02 §1, §2 check 5",
            "Another content type, charset or content encoding is 415 UNSUPPORTED_MEDIA_TYPE",
            IngestRequestChecks::unsupportedMediaType),
        check(
            "ingest.json-media-type-variants",
            "02 §1, 00 §2.4 rule 2",
            "application/json with charset=utf-8, in any letter case, is accepted",
            IngestRequestChecks::mediaTypeVariants),
        check(
            "ingest.schema-version",
            "02 §1, §2 check 6",
            "A missing or other X-OVPO-Schema-Version is 400 MISSING_/UNSUPPORTED_SCHEMA_VERSION",
            IngestRequestChecks::schemaVersion),
        check(
            "ingest.idempotency-key-format",
            "02 §1, §2 check 7",
            "An Idempotency-Key over 128 characters or outside 0x21..0x7E is 400"
                + " INVALID_IDEMPOTENCY_KEY; 128 visible characters are fine",
            IngestRequestChecks::idempotencyKeyFormat),
        check(
            "ingest.payload-too-large",
            "02 §6 rules 1-2",
            "A Content-Length over 5,242,880 bytes is 413 PAYLOAD_TOO_LARGE",
            IngestRequestChecks::payloadTooLarge),
        check(
            "ingest.gzip-bomb",
            "02 §6 rule 3",
            "A small gzip body that decodes beyond 5 MiB is 413 PAYLOAD_TOO_LARGE",
            IngestRequestChecks::gzipBomb),
        check(
            "ingest.gzip-accepted",
            "02 §1",
            "Content-Encoding gzip, x-gzip and identity are accepted",
            IngestRequestChecks::gzipAccepted),
        check(
            "ingest.malformed-json",
            "02 §2 check 9, 09 §2",
            "Broken JSON, duplicate members, nesting over 64, invalid UTF-8 and corrupt gzip are"
                + " 400 MALFORMED_JSON",
            IngestRequestChecks::malformedJson),
        check(
            "ingest.invalid-batch",
            "02 §2 check 10",
            "A body that is not {\"items\": [1..10,000 objects]} is 400 INVALID_BATCH",
            IngestRequestChecks::invalidBatch),
        check(
            "ingest.order-of-checks",
            "02 §2",
            "When several checks fail, the answer is the first failing check's",
            IngestRequestChecks::orderOfChecks),
        check(
            "ingest.request-id",
            "00 §2.4 rule 3",
            "A well-formed X-Request-Id is echoed in the header and the body; a malformed one is"
                + " replaced",
            IngestRequestChecks::requestId));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "ingest", spec, title, body);
  }

  static void unauthenticated(Session s) {
    Batch batch = IngestChecks.oneTrace(s);
    String unknownKey = "ovpo_" + Session.random(12) + "_" + "Q".repeat(48);
    List<Reply> replies =
        List.of(
            s.http().call("POST", PATH).ingestHeaders().body(batch.bytes()).send(),
            s.http()
                .call("POST", PATH)
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .ingestHeaders()
                .body(batch.bytes())
                .send(),
            s.http()
                .call("POST", PATH)
                .key("ovpo_short_secret")
                .ingestHeaders()
                .body(batch.bytes())
                .send(),
            s.http().call("POST", PATH).key(unknownKey).ingestHeaders().body(batch.bytes()).send());
    Set<String> messages = new TreeSet<>();
    for (Reply r : replies) {
      JsonNode e = error(r, 401, "UNAUTHENTICATED");
      messages.add(e.path("message").asText());
      equal(
          r.header("WWW-Authenticate").orElse(null),
          "Bearer realm=\"ovpo\"",
          r.describe() + " WWW-Authenticate");
    }
    equal(
        messages.size(),
        1,
        "401 messages must not reveal the cause; distinct messages " + messages);
  }

  static void bearerCaseInsensitive(Session s) {
    status(
        s.http()
            .call("POST", PATH)
            .header("Authorization", "bearer " + s.apiKey())
            .ingestHeaders()
            .body(IngestChecks.oneTrace(s).bytes())
            .send(),
        202);
    status(
        s.http()
            .call("POST", PATH)
            .header("Authorization", "BEARER " + s.apiKey())
            .ingestHeaders()
            .body(IngestChecks.oneTrace(s).bytes())
            .send(),
        202);
  }

  static void methodNotAllowed(Session s) {
    for (String method : List.of("GET", "PUT", "DELETE")) {
      Reply r = s.http().call(method, PATH).key(s.apiKey()).send();
      error(r, 405, "METHOD_NOT_ALLOWED");
      equal(r.header("Allow").orElse(null), "POST", r.describe() + " Allow header");
    }
  }

  static void unsupportedMediaType(Session s) {
    byte[] body = IngestChecks.oneTrace(s).bytes();
    for (String type :
        List.of("text/plain", "application/xml", "application/json; charset=iso-8859-1")) {
      error(
          IngestChecks.post(s)
              .header("X-OVPO-Schema-Version", "0.08")
              .header("Content-Type", type)
              .body(body)
              .send(),
          415,
          "UNSUPPORTED_MEDIA_TYPE");
    }
    error(
        IngestChecks.post(s).header("X-OVPO-Schema-Version", "0.08").body(body).send(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    error(
        IngestChecks.post(s).ingestHeaders().header("Content-Encoding", "br").body(body).send(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
  }

  static void mediaTypeVariants(Session s) {
    for (String type :
        List.of(
            "application/json; charset=utf-8",
            "Application/JSON",
            "application/json;charset=UTF-8")) {
      status(
          IngestChecks.post(s)
              .header("X-OVPO-Schema-Version", "0.08")
              .header("Content-Type", type)
              .body(IngestChecks.oneTrace(s).bytes())
              .send(),
          202);
    }
  }

  static void schemaVersion(Session s) {
    byte[] body = IngestChecks.oneTrace(s).bytes();
    error(
        IngestChecks.post(s).header("Content-Type", "application/json").body(body).send(),
        400,
        "MISSING_SCHEMA_VERSION");
    for (String version : List.of("0.07", "0.8", "1.0")) {
      error(
          IngestChecks.post(s)
              .header("Content-Type", "application/json")
              .header("X-OVPO-Schema-Version", version)
              .body(body)
              .send(),
          400,
          "UNSUPPORTED_SCHEMA_VERSION");
    }
  }

  static void idempotencyKeyFormat(Session s) {
    byte[] body = IngestChecks.oneTrace(s).bytes();
    for (String key : List.of("k".repeat(129), "has space", "tab\there")) {
      error(
          IngestChecks.post(s).ingestHeaders().header("Idempotency-Key", key).body(body).send(),
          400,
          "INVALID_IDEMPOTENCY_KEY");
    }
    String longest = ("~!" + Session.random(126));
    status(
        IngestChecks.post(s).ingestHeaders().header("Idempotency-Key", longest).body(body).send(),
        202);
  }

  static void payloadTooLarge(Session s) {
    byte[] body = new byte[MAX_BODY + 1];
    java.util.Arrays.fill(body, (byte) ' ');
    byte[] prefix = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, body, 0, prefix.length);
    error(sendLarge(IngestChecks.post(s).ingestHeaders().body(body)), 413, "PAYLOAD_TOO_LARGE");
  }

  /**
   * Sends a body the server may refuse before reading it all; a refusal that closes the connection
   * while the client is still writing is retried once, then reported.
   */
  private static Reply sendLarge(Call call) {
    try {
      return call.send();
    } catch (java.io.UncheckedIOException first) {
      try {
        return call.send();
      } catch (java.io.UncheckedIOException second) {
        throw new CheckFailure(
            "the server closed the connection without an answer (413 expected): "
                + second.getMessage());
      }
    }
  }

  static void gzipBomb(Session s) {
    byte[] decoded = new byte[MAX_BODY + 1024];
    java.util.Arrays.fill(decoded, (byte) ' ');
    byte[] prefix = "{\"items\":[".getBytes(StandardCharsets.US_ASCII);
    System.arraycopy(prefix, 0, decoded, 0, prefix.length);
    byte[] compressed = Call.gzip(decoded);
    that(compressed.length < 64 * 1024, "bomb should be small: %d bytes", compressed.length);
    error(
        sendLarge(IngestChecks.post(s).ingestHeaders().gzipBody(decoded)),
        413,
        "PAYLOAD_TOO_LARGE");
  }

  static void gzipAccepted(Session s) {
    status(
        IngestChecks.post(s).ingestHeaders().gzipBody(IngestChecks.oneTrace(s).bytes()).send(),
        202);
    status(
        IngestChecks.post(s)
            .ingestHeaders()
            .body(Call.gzip(IngestChecks.oneTrace(s).bytes()))
            .header("Content-Encoding", "x-gzip")
            .send(),
        202);
    status(
        IngestChecks.post(s)
            .ingestHeaders()
            .header("Content-Encoding", "identity")
            .body(IngestChecks.oneTrace(s).bytes())
            .send(),
        202);
  }

  static void malformedJson(Session s) {
    String valid = new String(IngestChecks.oneTrace(s).bytes(), StandardCharsets.UTF_8);
    List<byte[]> bodies = new ArrayList<>();
    bodies.add("{\"items\": [".getBytes(StandardCharsets.UTF_8));
    bodies.add("{\"items\":[],\"items\":[]}".getBytes(StandardCharsets.UTF_8));
    bodies.add((valid + " {}").getBytes(StandardCharsets.UTF_8));
    bodies.add(
        ("{\"items\":[{\"item_type\":\"trace\",\"data\":{\"attributes\":{\"custom.deep\":"
                + "[".repeat(70)
                + "]".repeat(70)
                + "}}}]}")
            .getBytes(StandardCharsets.UTF_8));
    byte[] badUtf8 =
        "{\"items\":[{\"item_type\":\"trace\",\"data\":{\"name\":\"xx\"}}]}"
            .getBytes(StandardCharsets.UTF_8);
    int at = new String(badUtf8, StandardCharsets.UTF_8).indexOf("xx");
    badUtf8[at] = (byte) 0xC3;
    badUtf8[at + 1] = (byte) 0x28;
    bodies.add(badUtf8);
    for (byte[] body : bodies) {
      error(IngestChecks.post(s).ingestHeaders().body(body).send(), 400, "MALFORMED_JSON");
    }
    error(
        IngestChecks.post(s)
            .ingestHeaders()
            .header("Content-Encoding", "gzip")
            .body("this is not gzip data at all".getBytes(StandardCharsets.US_ASCII))
            .send(),
        400,
        "MALFORMED_JSON");
  }

  static void invalidBatch(Session s) {
    StringBuilder tooMany = new StringBuilder("{\"items\":[");
    for (int i = 0; i < 10_001; i++) {
      tooMany.append(i == 0 ? "{}" : ",{}");
    }
    tooMany.append("]}");
    String valid = new String(IngestChecks.oneTrace(s).bytes(), StandardCharsets.UTF_8);
    List<String> bodies =
        List.of(
            "[]",
            "{}",
            "{\"items\":[]}",
            "{\"items\":{}}",
            "{\"items\":[1]}",
            "{\"items\":[[]]}",
            valid.substring(0, valid.length() - 1) + ",\"extra\":1}",
            tooMany.toString());
    for (String body : bodies) {
      Reply r = IngestChecks.post(s).ingestHeaders().json(body).send();
      try {
        error(r, 400, "INVALID_BATCH");
      } catch (CheckFailure e) {
        throw new CheckFailure(
            "body "
                + (body.length() > 80 ? body.substring(0, 80) + "..." : body)
                + ": "
                + e.getMessage());
      }
    }
  }

  static void orderOfChecks(Session s) {
    byte[] body = IngestChecks.oneTrace(s).bytes();
    // no key, wrong media type, no version: authentication comes first (check 2)
    error(
        s.http().call("POST", PATH).header("Content-Type", "text/plain").body(body).send(),
        401,
        "UNAUTHENTICATED");
    // wrong media type before the schema version (5 before 6)
    error(
        IngestChecks.post(s).header("Content-Type", "text/plain").body(body).send(),
        415,
        "UNSUPPORTED_MEDIA_TYPE");
    // schema version before the Idempotency-Key format (6 before 7)
    error(
        IngestChecks.post(s)
            .header("Content-Type", "application/json")
            .header("Idempotency-Key", "bad key")
            .body(body)
            .send(),
        400,
        "MISSING_SCHEMA_VERSION");
    // Idempotency-Key format before the body (7 before 9)
    error(
        IngestChecks.post(s)
            .ingestHeaders()
            .header("Idempotency-Key", "bad key")
            .json("{not json")
            .send(),
        400,
        "INVALID_IDEMPOTENCY_KEY");
    // JSON syntax before the envelope (9 before 10)
    error(IngestChecks.post(s).ingestHeaders().json("[1,").send(), 400, "MALFORMED_JSON");
  }

  static void requestId(Session s) {
    String mine = "cmp-req-" + Session.random(12);
    Reply r =
        IngestChecks.post(s)
            .ingestHeaders()
            .header("X-Request-Id", mine)
            .body(IngestChecks.oneTrace(s).bytes())
            .send();
    status(r, 202);
    equal(r.header("X-Request-Id").orElse(null), mine, "echoed X-Request-Id");
    equal(r.json().path("request_id").asText(), mine, "receipt request_id");
    Reply e =
        s.http()
            .call("POST", PATH)
            .header("X-Request-Id", mine)
            .ingestHeaders()
            .body(IngestChecks.oneTrace(s).bytes())
            .send();
    equal(error(e, 401, "UNAUTHENTICATED").path("request_id").asText(), mine, "error.request_id");
    Reply q =
        s.http()
            .call("GET", "/v1/traces?limit=1")
            .key(s.apiKey())
            .header("X-Request-Id", mine)
            .send();
    equal(q.header("X-Request-Id").orElse(null), mine, "query API echoes X-Request-Id");
    for (String malformed : List.of("short", "has space in it", "x".repeat(129))) {
      Reply m =
          IngestChecks.post(s)
              .ingestHeaders()
              .header("X-Request-Id", malformed)
              .body(IngestChecks.oneTrace(s).bytes())
              .send();
      String got = io.ovpo.compliance.Expect.header(m, "X-Request-Id");
      that(
          !got.equals(malformed) && !got.isBlank(),
          "a malformed X-Request-Id (%s) must be replaced by a generated one, got %s",
          malformed,
          got);
      equal(m.json().path("request_id").asText(), got, "receipt request_id vs generated header");
    }
  }
}
