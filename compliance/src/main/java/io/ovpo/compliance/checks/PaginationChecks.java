package io.ovpo.compliance.checks;

import static io.ovpo.compliance.Expect.equal;
import static io.ovpo.compliance.Expect.error;
import static io.ovpo.compliance.Expect.status;
import static io.ovpo.compliance.Expect.that;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.compliance.Batch;
import io.ovpo.compliance.Check;
import io.ovpo.compliance.Items;
import io.ovpo.compliance.Session;
import io.ovpo.compliance.http.Reply;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Cursor pagination of the trace list and of a trace's events (spec 05 §2-§4). */
public final class PaginationChecks {
  private PaginationChecks() {}

  public static List<Check> all() {
    return List.of(
        check(
            "pagination.walk-every-trace-once",
            "05 §2 rules 2-3",
            "Pages walk every matching trace once, newest created_at first, ties by trace_id"
                + " descending; has_more and next_cursor say exactly whether more follow",
            PaginationChecks::walk),
        check(
            "pagination.invalid-parameters",
            "05 §2 rule 1, §1 rule 6, 00 §2.4 rule 5",
            "offset, a limit outside 1..200, an unknown parameter or status, and from after to"
                + " are 400 INVALID_PARAMETER",
            PaginationChecks::invalidParameters),
        check(
            "pagination.forged-cursor",
            "05 §3 rule 4",
            "An altered, malformed or over-long cursor is 400 INVALID_CURSOR",
            PaginationChecks::forgedCursor),
        check(
            "pagination.cursor-bound-to-its-list",
            "05 §3 rule 3, §4.3",
            "A cursor is valid only for the list it came from (trace list, one trace's events)",
            PaginationChecks::cursorBoundToList),
        check(
            "pagination.cursor-bound-to-tenant",
            "05 §3 rule 3",
            "A cursor of one tenant is INVALID_CURSOR for another",
            PaginationChecks::cursorTenant),
        check(
            "pagination.events-paging",
            "05 §4, §4.3",
            "events_limit pages a trace's frame events in order, each once, with the summary over"
                + " all of them",
            PaginationChecks::eventsPaging),
        check(
            "pagination.tag-filter",
            "05 §1.2",
            "tag=k:v splits at the first ':', repeats combine with AND, matching is exact",
            PaginationChecks::tagFilter));
  }

  private static Check check(String id, String spec, String title, Check.Body body) {
    return new Check(id, "pagination", spec, title, body);
  }

  /** Ingests traces tagged {@code compliance.case: <mark>}; returns them in list order. */
  private static List<ObjectNode> taggedTraces(Session s, String mark, int count, int ties) {
    Instant t0 = Items.past();
    List<ObjectNode> traces = new ArrayList<>();
    Batch b = Batch.of();
    for (int i = 0; i < count; i++) {
      Instant created = t0.minusSeconds(i < ties ? 0 : i);
      ObjectNode t = s.items().trace(Items.id(), "RUNNING", created);
      ((ObjectNode) t.path("tags")).put("compliance.case", mark);
      traces.add(t);
      b.trace(t);
    }
    s.ingestAll(b);
    traces.sort(
        Comparator.comparing((ObjectNode t) -> t.path("created_at").asText())
            .thenComparing(t -> t.path("trace_id").asText())
            .reversed());
    String query = "/v1/traces?limit=200&tag=compliance.case:" + mark;
    s.awaitList(s.apiKey(), query, count);
    return traces;
  }

  static void walk(Session s) {
    String mark = Session.random(10);
    List<ObjectNode> traces = taggedTraces(s, mark, 7, 2);
    List<String> expected = traces.stream().map(t -> t.path("trace_id").asText()).toList();
    equal(
        PartialChecks.listIds(s, "/v1/traces?limit=200&tag=compliance.case:" + mark),
        expected,
        "one page of every trace, in order");
    Set<String> seen = new LinkedHashSet<>();
    String cursor = null;
    List<Integer> sizes = new ArrayList<>();
    for (int page = 0; page < 10; page++) {
      String path =
          "/v1/traces?limit=3&tag=compliance.case:"
              + mark
              + (cursor == null ? "" : "&cursor=" + enc(cursor));
      JsonNode body = status(s.http().get(path, s.apiKey()), 200).json();
      sizes.add(body.path("data").size());
      for (JsonNode t : body.path("data")) {
        that(seen.add(t.path("trace_id").asText()), "trace %s returned twice", t.path("trace_id"));
      }
      boolean more = body.path("has_more").asBoolean();
      that(
          body.has("has_more") && body.has("next_cursor"),
          "has_more and next_cursor are required: %s",
          body);
      if (!more) {
        that(
            body.path("next_cursor").isNull(),
            "next_cursor must be null on the last page: %s",
            body);
        break;
      }
      that(
          body.path("next_cursor").isTextual(),
          "next_cursor must be a string when has_more: %s",
          body);
      cursor = body.path("next_cursor").asText();
    }
    equal(sizes, List.of(3, 3, 1), "page sizes of 7 traces by 3");
    equal(new ArrayList<>(seen), expected, "traces over all pages, in order");
    JsonNode exact =
        status(s.http().get("/v1/traces?limit=7&tag=compliance.case:" + mark, s.apiKey()), 200)
            .json();
    equal(
        exact.path("has_more").asBoolean(true),
        false,
        "has_more when the page holds the last trace");
    JsonNode oneShort =
        status(s.http().get("/v1/traces?limit=6&tag=compliance.case:" + mark, s.apiKey()), 200)
            .json();
    equal(oneShort.path("has_more").asBoolean(false), true, "has_more when one trace is left");
  }

  static void invalidParameters(Session s) {
    List<String> bad =
        List.of(
            "offset=0",
            "offset=10",
            "limit=0",
            "limit=201",
            "limit=abc",
            "limit=-1",
            "colour=blue",
            "status=DONE",
            "tenant_id=default",
            "from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z",
            "from=yesterday");
    for (String q : bad) {
      Reply r = s.http().get("/v1/traces?" + q, s.apiKey());
      try {
        error(r, 400, "INVALID_PARAMETER");
      } catch (io.ovpo.compliance.CheckFailure e) {
        throw new io.ovpo.compliance.CheckFailure("?" + q + ": " + e.getMessage());
      }
    }
    status(s.http().get("/v1/traces?limit=200", s.apiKey()), 200);
    status(
        s.http()
            .get(
                "/v1/traces?from=2025-03-01T00:00:00%2B02:00&to=2025-03-01T00:00:00.123456789Z",
                s.apiKey()),
        200);
  }

  /** A real cursor of a two-trace list. */
  private static String realCursor(Session s, String key, String mark) {
    JsonNode body =
        status(s.http().get("/v1/traces?limit=1&tag=compliance.case:" + mark, key), 200).json();
    that(body.path("has_more").asBoolean(), "expected a second page: %s", body);
    return body.path("next_cursor").asText();
  }

  static void forgedCursor(Session s) {
    String mark = Session.random(10);
    taggedTraces(s, mark, 2, 0);
    String cursor = realCursor(s, s.apiKey(), mark);
    int dot = cursor.indexOf('.');
    that(dot > 0, "a cursor is B64(payload).B64(signature): %s", cursor);
    char c = cursor.charAt(dot / 2);
    String altered =
        cursor.substring(0, dot / 2) + (c == 'A' ? 'B' : 'A') + cursor.substring(dot / 2 + 1);
    String otherSignature = cursor.substring(0, dot + 1) + "AAAA" + cursor.substring(dot + 5);
    for (String forged :
        List.of(
            altered,
            otherSignature,
            "abc",
            "a.b.c",
            cursor.replace(".", ""),
            cursor + "x".repeat(1025))) {
      Reply r =
          s.http()
              .get(
                  "/v1/traces?limit=1&tag=compliance.case:" + mark + "&cursor=" + enc(forged),
                  s.apiKey());
      error(r, 400, "INVALID_CURSOR");
    }
    status(
        s.http()
            .get(
                "/v1/traces?limit=1&tag=compliance.case:" + mark + "&cursor=" + enc(cursor),
                s.apiKey()),
        200);
  }

  static void cursorBoundToList(Session s) {
    String mark = Session.random(10);
    taggedTraces(s, mark, 2, 0);
    String listCursor = realCursor(s, s.apiKey(), mark);
    String a = eventsTrace(s, 4);
    String b = eventsTrace(s, 4);
    error(
        s.http()
            .get(
                "/v1/traces/" + a + "?events_limit=2&events_cursor=" + enc(listCursor), s.apiKey()),
        400,
        "INVALID_CURSOR");
    JsonNode first =
        status(s.http().get("/v1/traces/" + a + "?events_limit=2", s.apiKey()), 200).json();
    String eventsCursor = first.path("events_next_cursor").asText();
    error(
        s.http()
            .get(
                "/v1/traces/" + b + "?events_limit=2&events_cursor=" + enc(eventsCursor),
                s.apiKey()),
        400,
        "INVALID_CURSOR");
    error(
        s.http().get("/v1/traces?limit=1&cursor=" + enc(eventsCursor), s.apiKey()),
        400,
        "INVALID_CURSOR");
  }

  static void cursorTenant(Session s) {
    String other = s.tenant("primary").developer();
    String mark = Session.random(10);
    taggedTraces(s, mark, 2, 0);
    String cursor = realCursor(s, s.apiKey(), mark);
    error(s.http().get("/v1/traces?limit=1&cursor=" + enc(cursor), other), 400, "INVALID_CURSOR");
  }

  /** A trace with {@code n} FRAME_GENERATED events, stored and visible; returns its id. */
  private static String eventsTrace(Session s, int n) {
    String traceId = Items.id();
    Instant t0 = Items.past();
    Batch b = Batch.of().trace(s.items().trace(traceId, "RUNNING", t0));
    for (int i = n - 1; i >= 0; i--) {
      b.frame(Items.generated(traceId, i, t0.plusSeconds(2)));
    }
    s.ingestAll(b);
    s.awaitTrace(traceId, n + " events", d -> Details.eventCount(d) == n);
    return traceId;
  }

  static void eventsPaging(Session s) {
    String traceId = eventsTrace(s, 25);
    List<Integer> indexes = new ArrayList<>();
    List<Integer> sizes = new ArrayList<>();
    String cursor = null;
    for (int page = 0; page < 6; page++) {
      String path =
          "/v1/traces/"
              + traceId
              + "?events_limit=10"
              + (cursor == null ? "" : "&events_cursor=" + enc(cursor));
      JsonNode d = status(s.http().get(path, s.apiKey()), 200).json();
      sizes.add(d.path("frame_events").size());
      d.path("frame_events").forEach(e -> indexes.add(e.path("frame_index").asInt()));
      equal(Details.eventCount(d), 25, "summary.event_count on every page");
      equal(
          d.path("spans").isArray() && d.has("trace") && d.has("summary"),
          true,
          "trace, spans and summary on every page");
      if (!d.path("events_has_more").asBoolean()) {
        that(
            d.path("events_next_cursor").isNull(),
            "events_next_cursor must be null at the end: %s",
            d.path("events_next_cursor"));
        break;
      }
      cursor = d.path("events_next_cursor").asText();
    }
    equal(sizes, List.of(10, 10, 5), "events page sizes");
    List<Integer> expected = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      expected.add(i);
    }
    equal(indexes, expected, "frame indexes over all pages");
    for (String bad : List.of("events_limit=0", "events_limit=100001", "events_limit=x")) {
      error(
          s.http().get("/v1/traces/" + traceId + "?" + bad, s.apiKey()), 400, "INVALID_PARAMETER");
    }
  }

  static void tagFilter(Session s) {
    String mark = Session.random(10);
    Instant t0 = Items.past();
    List<String> ids = new ArrayList<>();
    String[][] tags = {{"a:b", "x"}, {"a", "x"}, {"a:b", "y"}};
    Batch b = Batch.of();
    for (String[] t : tags) {
      ObjectNode trace = s.items().trace(Items.id(), "RUNNING", t0);
      ObjectNode tagNode = (ObjectNode) trace.path("tags");
      tagNode.put("compliance.case", mark);
      tagNode.put("env", t[0]);
      tagNode.put("zone", t[1]);
      ids.add(trace.path("trace_id").asText());
      b.trace(trace);
    }
    s.ingestAll(b);
    String base = "/v1/traces?limit=200&tag=compliance.case:" + mark;
    s.awaitList(s.apiKey(), base, 3);
    equal(
        Set.copyOf(PartialChecks.listIds(s, base + "&tag=" + enc("env:a:b"))),
        Set.of(ids.get(0), ids.get(2)),
        "tag=env:a:b (value with ':')");
    equal(
        PartialChecks.listIds(s, base + "&tag=" + enc("env:a:b") + "&tag=zone:y"),
        List.of(ids.get(2)),
        "two tags combine with AND");
    equal(PartialChecks.listIds(s, base + "&tag=env:A"), List.of(), "matching is case-sensitive");
    error(s.http().get(base + "&tag=" + enc("Bad Key:x"), s.apiKey()), 400, "INVALID_PARAMETER");
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
