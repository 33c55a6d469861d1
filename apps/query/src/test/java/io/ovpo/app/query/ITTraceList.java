package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import io.ovpo.core.cursor.CursorCodec;
import io.ovpo.ports.model.EventPageKey;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code GET /v1/traces} over HTTP: keyset paging, filters, parameters and cursors (spec 05 §2-3).
 */
class ITTraceList {
  static TestServer server;
  static Http http;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITTraceList");
    http = server.http();
    fx = server.fixtures();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static Instant anHourAgo() {
    return Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);
  }

  static IngestItem trace(Trace t) {
    return new IngestItem.TraceItem(t);
  }

  @Test
  void walk_visitsEveryTraceOnceInOrder_whileNewTracesArrive() {
    TenantKeys t = server.newTenant();
    Instant base = anHourAgo();
    Set<String> seeded = new HashSet<>();
    List<IngestItem> items = new ArrayList<>();
    for (int i = 0; i < 45; i++) {
      // Three traces per instant, so the trace_id tie-break is exercised on every page.
      Trace tr = fx.trace().createdAt(base.plusSeconds(i / 3)).build();
      seeded.add(tr.traceId().value());
      items.add(trace(tr));
    }
    server.store(t.id(), items);

    List<JsonNode> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Reply r =
          http.get("/v1/traces?limit=7" + (cursor == null ? "" : "&cursor=" + cursor), t.viewer());
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode body = r.json();
      assertThat(body.get("data").size()).isLessThanOrEqualTo(7);
      body.get("data").forEach(seen::add);
      // New work arrives during the walk: newer traces land before the cursor, older ones after.
      server.store(
          t.id(),
          trace(fx.trace().createdAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).build()));
      server.store(t.id(), trace(fx.trace().createdAt(base.minusSeconds(60 + pages)).build()));
      pages++;
      if (body.get("has_more").asBoolean()) {
        cursor = body.get("next_cursor").asText();
      } else {
        assertThat(body.get("next_cursor").isNull()).isTrue();
        cursor = null;
      }
    } while (cursor != null && pages < 100);

    List<String> ids = seen.stream().map(n -> n.get("trace_id").asText()).toList();
    assertThat(ids).doesNotHaveDuplicates().containsAll(seeded);
    for (int i = 1; i < seen.size(); i++) {
      assertThat(orderKey(seen.get(i - 1))).isGreaterThan(orderKey(seen.get(i)));
    }
  }

  private static String orderKey(JsonNode view) {
    return view.get("created_at").asText() + " " + view.get("trace_id").asText();
  }

  @Test
  void lastPage_hasNoMoreAndANullCursor_andRateLimitHeaders() {
    TenantKeys t = server.newTenant();
    server.store(t.id(), trace(fx.trace().createdAt(anHourAgo()).build()));
    Reply r = http.get("/v1/traces", t.viewer());
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("data")).hasSize(1);
    assertThat(r.json().get("has_more").asBoolean()).isFalse();
    assertThat(r.json().get("next_cursor").isNull()).isTrue();
    assertThat(r.header("X-RateLimit-Limit")).isPresent();
    assertThat(r.header("X-RateLimit-Remaining")).isPresent();
    assertThat(r.header("X-RateLimit-Reset")).isPresent();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "limit=0",
        "limit=201",
        "limit=abc",
        "limit=-1",
        "limit=1.5",
        "limit=99999999999999"
      })
  void limitOutside1To200_isInvalidParameter(String query) {
    TenantKeys t = server.newTenant();
    Reply r = http.get("/v1/traces?" + query, t.viewer());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
    assertThat(r.json().at("/error/message").asText()).contains("limit");
  }

  @Test
  void limit200_isAccepted() {
    TenantKeys t = server.newTenant();
    assertThat(http.get("/v1/traces?limit=200", t.viewer()).status()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"offset=0", "offset=10", "tenant_id=root-ops", "page=2", "status=FAILED&sort=asc"})
  void offsetTenantIdAndUnknownParameters_areRefusedByName(String query) {
    TenantKeys t = server.newTenant();
    Reply r = http.get("/v1/traces?" + query, t.viewer());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
    String name = query.substring(query.lastIndexOf('&') + 1, query.lastIndexOf('='));
    assertThat(r.json().at("/error/message").asText()).contains(name);
  }

  @Test
  void statusFilter_takesCommaSeparatedOrRepeatedValues() {
    TenantKeys t = server.newTenant();
    Instant base = anHourAgo();
    Trace failed = fx.trace().status(TraceStatus.FAILED).createdAt(base).build();
    Trace done = fx.trace().status(TraceStatus.COMPLETED).createdAt(base.plusSeconds(1)).build();
    Trace running = fx.trace().createdAt(base.plusSeconds(2)).build();
    server.store(t.id(), trace(failed), trace(done), trace(running));

    assertThat(ids(http.get("/v1/traces?status=FAILED,COMPLETED", t.viewer())))
        .containsExactly(done.traceId().value(), failed.traceId().value());
    assertThat(ids(http.get("/v1/traces?status=FAILED&status=RUNNING", t.viewer())))
        .containsExactly(running.traceId().value(), failed.traceId().value());
    assertThat(http.get("/v1/traces?status=failed", t.viewer()).status()).isEqualTo(400);
  }

  @Test
  void timeFilter_isFromInclusiveToExclusive_inAnyRfc3339Offset() {
    TenantKeys t = server.newTenant();
    Instant base = Instant.parse("2026-03-01T10:00:00.000Z");
    Trace a = fx.trace().createdAt(base).build();
    Trace b = fx.trace().createdAt(base.plusSeconds(60)).build();
    Trace c = fx.trace().createdAt(base.plusSeconds(120)).build();
    server.store(t.id(), trace(a), trace(b), trace(c));

    // 11:00+01:00 is 10:00Z; 10:02:00.0000001Z is cut to 10:02:00.000Z.
    String from = enc("2026-03-01T11:00:00+01:00");
    assertThat(
            ids(
                http.get(
                    "/v1/traces?from=" + from + "&to=2026-03-01T10:02:00.0000001Z", t.viewer())))
        .containsExactly(b.traceId().value(), a.traceId().value());
    assertThat(
            ids(
                http.get(
                    "/v1/traces?from=2026-03-01T10:01:00Z&to=2026-03-01T10:01:00Z", t.viewer())))
        .isEmpty();
    Reply reversed =
        http.get("/v1/traces?from=2026-03-02T00:00:00Z&to=2026-03-01T00:00:00Z", t.viewer());
    assertThat(reversed.status()).isEqualTo(400);
    assertThat(reversed.errorCode()).isEqualTo("INVALID_PARAMETER");
    assertThat(http.get("/v1/traces?from=yesterday", t.viewer()).status()).isEqualTo(400);
    assertThat(http.get("/v1/traces?from=2026-03-01T10:00Z", t.viewer()).status()).isEqualTo(400);
  }

  @Test
  void tagFilters_areAnded_andSplitAtTheFirstColon() {
    TenantKeys t = server.newTenant();
    Instant base = anHourAgo();
    Trace both = fx.trace().createdAt(base).tag("env", "prod").tag("url", "http://x:1").build();
    Trace envOnly = fx.trace().createdAt(base.plusSeconds(1)).tag("env", "prod").build();
    server.store(t.id(), trace(both), trace(envOnly));

    assertThat(ids(http.get("/v1/traces?tag=env:prod", t.viewer())))
        .containsExactly(envOnly.traceId().value(), both.traceId().value());
    assertThat(ids(http.get("/v1/traces?tag=env:prod&tag=" + enc("url:http://x:1"), t.viewer())))
        .containsExactly(both.traceId().value());
    assertThat(http.get("/v1/traces?tag=novalue", t.viewer()).status()).isEqualTo(400);
    assertThat(http.get("/v1/traces?tag=" + enc("Bad Key:x"), t.viewer()).status()).isEqualTo(400);
    StringBuilder many = new StringBuilder("/v1/traces?tag=k0:v");
    for (int i = 1; i <= 16; i++) {
      many.append("&tag=k").append(i).append(":v");
    }
    assertThat(http.get(many.toString(), t.viewer()).status()).isEqualTo(400);
  }

  @Test
  void alteredForgedOrMalformedCursors_areInvalidCursor() {
    TenantKeys t = server.newTenant();
    Instant base = anHourAgo();
    server.store(
        t.id(),
        trace(fx.trace().createdAt(base).build()),
        trace(fx.trace().createdAt(base.plusSeconds(1)).build()));
    String cursor = http.get("/v1/traces?limit=1", t.viewer()).json().get("next_cursor").asText();
    assertThat(http.get("/v1/traces?limit=1&cursor=" + cursor, t.viewer()).status()).isEqualTo(200);

    int dot = cursor.indexOf('.');
    List<String> bad =
        List.of(
            flip(cursor, 3),
            flip(cursor, dot + 3),
            cursor.replace(".", ""),
            cursor + ".x",
            "not-a-cursor",
            cursor.substring(0, dot) + "." + cursor.substring(0, dot),
            "");
    for (String c : bad) {
      Reply r = http.get("/v1/traces?cursor=" + enc(c), t.viewer());
      assertThat(r.status()).as(c).isEqualTo(400);
      assertThat(r.errorCode()).as(c).isEqualTo("INVALID_CURSOR");
    }
  }

  @Test
  void expiredCursor_isInvalidCursor() {
    TenantKeys t = server.newTenant();
    Clock twoDaysAgo = Clock.fixed(Instant.now().minus(Duration.ofDays(2)), ZoneOffset.UTC);
    String expired =
        new CursorCodec(
                TestServer.utf8(TestServer.CURSOR_SECRET), twoDaysAgo, CursorCodec.DEFAULT_TTL)
            .encodeTraces(t.id(), new PageKey(anHourAgo(), TraceId.random()));
    Reply r = http.get("/v1/traces?cursor=" + expired, t.viewer());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_CURSOR");
  }

  @Test
  void cursorOfAnotherList_isInvalidCursor() {
    TenantKeys t = server.newTenant();
    CursorCodec codec =
        new CursorCodec(
            TestServer.utf8(TestServer.CURSOR_SECRET), Clock.systemUTC(), CursorCodec.DEFAULT_TTL);
    String events =
        codec.encodeEvents(
            t.id(), TraceId.random(), new EventPageKey(3, anHourAgo(), fx.eventId()));
    String audit = codec.encodeAudit(t.id(), 10);
    for (String c : List.of(events, audit)) {
      Reply r = http.get("/v1/traces?cursor=" + c, t.viewer());
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("INVALID_CURSOR");
    }
  }

  static List<String> ids(Reply r) {
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    List<String> out = new ArrayList<>();
    r.json().get("data").forEach(n -> out.add(n.get("trace_id").asText()));
    return out;
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The cursor with one character changed (still base64url). */
  static String flip(String s, int at) {
    char c = s.charAt(at);
    return s.substring(0, at) + (c == 'A' ? 'B' : 'A') + s.substring(at + 1);
  }
}
