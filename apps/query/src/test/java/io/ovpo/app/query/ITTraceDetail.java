package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import io.ovpo.ports.model.ArtifactKind;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Fixtures;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code GET /v1/traces/{trace_id}} over HTTP (spec 05 §4, §8). */
class ITTraceDetail {
  static TestServer server;
  static Http http;
  static Fixtures fx;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITTraceDetail");
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

  /** A COMPLETED job that expected 10 frames and produced 0..7: the processor says PARTIAL. */
  static TraceId storeIncompleteJob(TenantKeys t) {
    Instant t0 = anHourAgo();
    Trace trace =
        fx.trace()
            .status(TraceStatus.COMPLETED)
            .createdAt(t0)
            .ran(Duration.ZERO, 5_000)
            .expectedFrames(10)
            .build();
    TraceId id = trace.traceId();
    List<IngestItem> items = new ArrayList<>();
    items.add(new IngestItem.TraceItem(trace));
    items.add(span(id, SpanKind.DECODE, t0.plusMillis(4_000), 1_000));
    items.add(span(id, SpanKind.LOAD, t0, 1_000));
    items.add(span(id, SpanKind.SAMPLING, t0.plusMillis(1_000), 3_000));
    List<IngestItem> events = new ArrayList<>();
    for (int f = 0; f < 8; f++) {
      Instant at = t0.plusMillis(1_000 + f * 100L);
      events.add(new IngestItem.FrameEventItem(fx.event(id).frame(f).observedAt(at).build()));
      // A GPU sample of the same frame, observed later: orders after the frame's event.
      events.add(
          new IngestItem.FrameEventItem(
              fx.event(id)
                  .type(EventType.GPU_SAMPLE)
                  .frame(f)
                  .observedAt(at.plusMillis(10))
                  .gpu(40_000 + f * 1_000, 50 + f)
                  .build()));
    }
    Collections.shuffle(events, fx.random());
    items.addAll(events);
    items.add(
        new IngestItem.ManifestItem(
            fx.manifest(id).artifact(ArtifactKind.VIDEO).artifact(ArtifactKind.LOG).build()));
    server.store(t.id(), items);
    return id;
  }

  static IngestItem span(TraceId id, SpanKind kind, Instant start, long ms) {
    return new IngestItem.SpanItem(fx.span(id).kind(kind).start(start).durationMs(ms).build());
  }

  @Test
  void detail_hasTraceSortedSpansAndEventsArtifactsAndSummary() {
    TenantKeys t = server.newTenant();
    TraceId id = storeIncompleteJob(t);
    Reply r = http.get("/v1/traces/" + id, t.viewer());
    assertThat(r.status()).as(r.toString()).isEqualTo(200);
    JsonNode body = r.json();

    assertThat(body.at("/trace/trace_id").asText()).isEqualTo(id.value());
    assertThat(body.at("/trace/status").asText()).isEqualTo("PARTIAL");
    assertThat(body.at("/trace/reported_status").asText()).isEqualTo("COMPLETED");
    List<String> kinds = new ArrayList<>();
    body.get("spans").forEach(s -> kinds.add(s.get("span_kind").asText()));
    assertThat(kinds).containsExactly("LOAD", "SAMPLING", "DECODE");

    JsonNode events = body.get("frame_events");
    assertThat(events).hasSize(16);
    for (int i = 1; i < events.size(); i++) {
      JsonNode a = events.get(i - 1);
      JsonNode b = events.get(i);
      assertThat(a.get("frame_index").asLong()).isLessThanOrEqualTo(b.get("frame_index").asLong());
      if (a.get("frame_index").asLong() == b.get("frame_index").asLong()) {
        assertThat(a.get("observed_at").asText()).isLessThan(b.get("observed_at").asText());
      }
    }
    assertThat(body.get("artifacts")).hasSize(2);
    assertThat(body.get("events_has_more").asBoolean()).isFalse();
    assertThat(body.get("events_next_cursor").isNull()).isTrue();

    JsonNode summary = body.get("summary");
    assertThat(summary.get("total_duration_ms").asLong()).isEqualTo(5_000);
    assertThat(summary.at("/span_breakdown_pct/SAMPLING").asDouble()).isEqualTo(60.0);
    assertThat(summary.at("/span_breakdown_pct/LOAD").asDouble()).isEqualTo(20.0);
    assertThat(summary.get("peak_vram_mb").asDouble()).isEqualTo(47_000.0);
    assertThat(summary.get("frame_count").asLong()).isEqualTo(8);
    assertThat(summary.get("event_count").asLong()).isEqualTo(16);
    JsonNode completeness = summary.get("completeness");
    assertThat(completeness.get("reasons")).isNotEmpty();
    assertThat(completeness.get("reasons").get(0).get("code").asText()).isEqualTo("MISSING_FRAMES");
    assertThat(completeness.get("missing_frames")).hasSize(1);
    assertThat(completeness.at("/missing_frames/0/first").asLong()).isEqualTo(8);
    assertThat(completeness.at("/missing_frames/0/last").asLong()).isEqualTo(9);
  }

  @Test
  void tenMinuteJobAt24Fps_pagesItsEventsWithoutGapsOrRepeats() {
    TenantKeys t = server.newTenant();
    Instant t0 = anHourAgo();
    Trace trace = fx.trace().createdAt(t0).build();
    TraceId id = trace.traceId();
    server.store(t.id(), new IngestItem.TraceItem(trace));
    int frames = 10 * 60 * 24;
    List<StoredFrameEvent> events = new ArrayList<>();
    for (int f = 0; f < frames; f++) {
      events.add(fx.event(id).frame(f).observedAt(t0.plusMillis(1_000 + f * 41L)).stored());
    }
    // Straight to the store: the processor's path is covered by the other tests.
    server.appendEvents(t.id(), events);

    Set<String> seen = new HashSet<>();
    long lastFrame = -1;
    String cursor = null;
    int pages = 0;
    do {
      Reply r =
          http.get(
              "/v1/traces/"
                  + id
                  + "?events_limit=5000"
                  + (cursor == null ? "" : "&events_cursor=" + cursor),
              t.viewer());
      assertThat(r.status()).as(r.toString()).isEqualTo(200);
      JsonNode body = r.json();
      assertThat(body.at("/summary/event_count").asLong()).isEqualTo(frames);
      for (JsonNode e : body.get("frame_events")) {
        assertThat(seen.add(e.get("event_id").asText())).isTrue();
        assertThat(e.get("frame_index").asLong()).isGreaterThan(lastFrame);
        lastFrame = e.get("frame_index").asLong();
      }
      pages++;
      cursor =
          body.get("events_has_more").asBoolean() ? body.get("events_next_cursor").asText() : null;
    } while (cursor != null && pages < 10);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).hasSize(frames);

    JsonNode all = http.get("/v1/traces/" + id, t.viewer()).json();
    assertThat(all.get("frame_events")).hasSize(frames);
    assertThat(all.get("events_has_more").asBoolean()).isFalse();
  }

  @Test
  void eventsCursorOfAnotherTrace_orAltered_isInvalidCursor() {
    TenantKeys t = server.newTenant();
    TraceId a = storeIncompleteJob(t);
    TraceId b = storeIncompleteJob(t);
    String cursor =
        http.get("/v1/traces/" + a + "?events_limit=3", t.viewer())
            .json()
            .get("events_next_cursor")
            .asText();
    assertThat(
            http.get("/v1/traces/" + a + "?events_limit=3&events_cursor=" + cursor, t.viewer())
                .status())
        .isEqualTo(200);
    for (String path :
        List.of(
            "/v1/traces/" + b + "?events_cursor=" + cursor,
            "/v1/traces/" + a + "?events_cursor=" + ITTraceList.flip(cursor, 5),
            "/v1/traces/" + a + "?events_cursor=")) {
      Reply r = http.get(path, t.viewer());
      assertThat(r.status()).as(path).isEqualTo(400);
      assertThat(r.errorCode()).isEqualTo("INVALID_CURSOR");
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "events_limit=0",
        "events_limit=100001",
        "events_limit=x",
        "limit=5",
        "tenant_id=x"
      })
  void badDetailParameters_areInvalidParameter(String query) {
    TenantKeys t = server.newTenant();
    TraceId id = storeIncompleteJob(t);
    Reply r = http.get("/v1/traces/" + id + "?" + query, t.viewer());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "not-a-uuid",
        "3F2B8C1E-9A4D-4E2F-8B7A-1C2D3E4F5A6B",
        "3f2b8c1e-9a4d-1e2f-8b7a-1c2d3e4f5a6b"
      })
  void malformedTraceId_isInvalidParameter(String id) {
    TenantKeys t = server.newTenant();
    Reply r = http.get("/v1/traces/" + id, t.viewer());
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.errorCode()).isEqualTo("INVALID_PARAMETER");
  }

  @Test
  void unknownTrace_andAnotherTenantsTrace_areTheSame404() {
    TenantKeys owner = server.newTenant();
    TenantKeys other = server.newTenant();
    TraceId id = storeIncompleteJob(owner);
    Reply foreign = http.get("/v1/traces/" + id, other.viewer());
    Reply unknown = http.get("/v1/traces/" + TraceId.random(), other.viewer());
    assertThat(foreign.status()).isEqualTo(404);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(foreign.errorCode()).isEqualTo("NOT_FOUND");
    assertThat(foreign.json().at("/error/message")).isEqualTo(unknown.json().at("/error/message"));
    assertThat(foreign.body()).doesNotContain(owner.tenant());
  }

  @Test
  void etag_isStrongHashOfTheBody_andIfNoneMatchGives304WithoutBody() throws Exception {
    TenantKeys t = server.newTenant();
    TraceId id = storeIncompleteJob(t);
    Reply first = http.get("/v1/traces/" + id, t.viewer());
    String etag = first.header("ETag").orElseThrow();
    assertThat(etag).matches("\"[0-9a-f]{32}\"");
    assertThat(etag).isEqualTo(ETags.of(first.bytes()));
    assertThat(first.header("Cache-Control")).contains("private, no-cache");

    for (String candidate : List.of(etag, "W/" + etag, "\"other\", " + etag, "*")) {
      Reply again =
          http.send(
              http.request("/v1/traces/" + id)
                  .header("Authorization", "Bearer " + t.viewer())
                  .header("If-None-Match", candidate));
      assertThat(again.status()).as(candidate).isEqualTo(304);
      assertThat(again.bytes()).isEmpty();
      assertThat(again.header("ETag")).contains(etag);
    }
    Reply stale =
        http.send(
            http.request("/v1/traces/" + id)
                .header("Authorization", "Bearer " + t.viewer())
                .header("If-None-Match", "\"0123456789abcdef0123456789abcdef\""));
    assertThat(stale.status()).isEqualTo(200);

    assertThat(
            http.put("/v1/admin/traces/" + id + "/legal-hold", t.admin(), "{\"legal_hold\":true}")
                .status())
        .isEqualTo(200);
    Reply changed = http.get("/v1/traces/" + id, t.viewer());
    assertThat(changed.json().at("/trace/legal_hold").asBoolean()).isTrue();
    assertThat(changed.header("ETag")).isPresent().get().isNotEqualTo(etag);
  }
}
