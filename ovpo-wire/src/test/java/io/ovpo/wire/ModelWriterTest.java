package io.ovpo.wire;

import static io.ovpo.wire.Fixtures.T0;
import static io.ovpo.wire.Fixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.in.AuditPage;
import io.ovpo.ports.in.AuditVerification;
import io.ovpo.ports.in.CostReport;
import io.ovpo.ports.in.CreatedApiKey;
import io.ovpo.ports.in.TraceDetail;
import io.ovpo.ports.in.TraceListResult;
import io.ovpo.ports.in.TraceSummary;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.ComputeCost;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.ManifestId;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.StoredArtifact;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ModelWriterTest {
  @Test
  void receipt_hasExactlyTheSpecKeysInOrder() {
    String json = Json.text(ModelWriter.toBytes(ModelWriter.receipt(Fixtures.receiptWithErrors())));
    assertThat(json)
        .isEqualTo(
            "{\"request_id\":\"req-1\",\"processed_items\":2,\"failed_items\":2,"
                + "\"duplicate\":false,\"errors\":["
                + "{\"item_index\":1,\"item_type\":\"span\",\"code\":\"SCHEMA_VIOLATION\","
                + "\"field\":\"/data/start_time\","
                + "\"message\":\"/data/start_time: does not match the timestamp format\"},"
                + "{\"item_index\":3,\"item_type\":null,\"code\":\"SCHEMA_VIOLATION\","
                + "\"field\":\"/item_type\",\"message\":\"unknown type\"}]}");
  }

  @Test
  void replayedReceipt_differsOnlyInDuplicate() {
    IngestReceipt first = Fixtures.receiptWithErrors();
    byte[] a = ModelWriter.toBytes(ModelWriter.receipt(first));
    byte[] b = ModelWriter.toBytes(ModelWriter.receipt(first.asDuplicate()));
    assertThat(Json.text(b).replace("\"duplicate\":true", "\"duplicate\":false"))
        .isEqualTo(Json.text(a));
    assertThat(ModelWriter.toBytes(ModelWriter.receipt(Fixtures.receiptWithErrors()))).isEqualTo(a);
  }

  @Test
  void errorBody_isNestedUnderError_withRetryAfterOnlyWhenGiven() {
    assertThat(
            Json.text(
                ModelWriter.errorBody(
                    ErrorCode.NOT_FOUND, "no such trace", "r1", OptionalLong.empty())))
        .isEqualTo(
            "{\"error\":{\"code\":\"NOT_FOUND\",\"message\":\"no such trace\",\"request_id\":\"r1\"}}");
    assertThat(
            Json.text(
                ModelWriter.errorBody(
                    ErrorCode.RATE_LIMITED, "slow down", "r2", OptionalLong.of(3))))
        .isEqualTo(
            "{\"error\":{\"code\":\"RATE_LIMITED\",\"message\":\"slow down\",\"request_id\":\"r2\","
                + "\"retry_after\":3}}");
  }

  @Test
  void traceEntity_omitsAbsentOptionalFields() {
    ObjectNode t = ModelWriter.trace(ModelReader.trace(Json.minimalTrace()));
    assertThat(names(t))
        .containsExactly(
            "trace_id", "status", "created_at", "started_at", "pipeline_config_ref", "legal_hold");
  }

  @Test
  void traceView_showsEffectiveAndReportedStatus() {
    ObjectNode r = ModelWriter.traceView(Fixtures.partialRecord());
    assertThat(names(r))
        .containsExactly(
            "trace_id",
            "status",
            "created_at",
            "started_at",
            "ended_at",
            "pipeline_config_ref",
            "legal_hold",
            "reported_status",
            "first_received_at",
            "updated_at",
            "duration_ms");
    assertThat(r.get("status").asText()).isEqualTo("PARTIAL");
    assertThat(r.get("reported_status").asText()).isEqualTo("COMPLETED");
    assertThat(r.get("first_received_at").asText()).isEqualTo("2025-03-01T12:00:00.005Z");
    // ended_at - started_at: 12:01:00.000 - 12:00:01.000
    assertThat(r.get("duration_ms").longValue()).isEqualTo(59_000);
  }

  @Test
  void completeness_listsReasonsWithTheirOptionalParts() {
    JsonNode c = ModelWriter.completeness(Fixtures.partial());
    assertThat(names(c)).containsExactly("reasons", "missing_frames", "truncated");
    assertJson(c.get("missing_frames"), "[{'first':46,'last':47}]");
    assertThat(names(c.get("reasons").get(0))).containsExactly("code", "message");
    assertThat(names(c.get("reasons").get(1)))
        .containsExactly("code", "message", "event_type", "frame_index", "event_id");
  }

  @Test
  void runningTraceView_hasNullDuration() {
    ObjectNode r = ModelWriter.traceView(Fixtures.runningRecord());
    assertThat(r.get("duration_ms").isNull()).isTrue();
    assertThat(r.get("legal_hold").booleanValue()).isFalse();
  }

  @Test
  void traceList_hasNullCursorOnTheLastPage() {
    ObjectNode last =
        ModelWriter.traceList(
            new TraceListResult(List.of(Fixtures.runningRecord()), false, Optional.empty()));
    assertThat(names(last)).containsExactly("data", "has_more", "next_cursor");
    assertThat(last.get("next_cursor").isNull()).isTrue();
    ObjectNode more =
        ModelWriter.traceList(new TraceListResult(List.of(), true, Optional.of("abc")));
    assertThat(more.get("has_more").booleanValue()).isTrue();
    assertThat(more.get("next_cursor").asText()).isEqualTo("abc");
  }

  @Test
  void traceDetail_hasTheSpecShape() {
    var span = ModelReader.span(Json.minimalSpan());
    var event = ModelReader.frameEvent(Json.minimalEvent());
    var ref = ModelReader.artifactRef(Json.artifact(Json.ARTIFACT_ID), "");
    TraceSummary summary =
        new TraceSummary(
            OptionalLong.of(60_000),
            Map.of(SpanKind.SAMPLING, 80.0, SpanKind.LOAD, 20.0),
            OptionalDouble.of(20480),
            OptionalDouble.empty(),
            46,
            47,
            OptionalDouble.empty(),
            Optional.of(Fixtures.cost()),
            Fixtures.partial());
    TraceDetail d =
        new TraceDetail(
            Fixtures.partialRecord(),
            List.of(span),
            List.of(new StoredFrameEvent(event, T0.plusSeconds(4))),
            Optional.empty(),
            List.of(new StoredArtifact(ManifestId.of(Json.MANIFEST_ID), ref)),
            summary);
    ObjectNode o = ModelWriter.traceDetail(d);
    assertThat(names(o))
        .containsExactly(
            "trace",
            "spans",
            "frame_events",
            "artifacts",
            "summary",
            "events_has_more",
            "events_next_cursor");
    assertThat(o.get("spans").get(0).get("duration_ms").isNull()).isTrue();
    assertThat(o.get("spans").get(0).get("status").asText()).isEqualTo("UNSET");
    assertThat(o.get("frame_events").get(0).get("received_at").asText())
        .isEqualTo("2025-03-01T12:00:04.000Z");
    // the artifact view: the ref's fields plus the manifest that listed it (spec 05 §4.1)
    assertThat(o.get("artifacts").get(0).get("artifact_id").asText()).isEqualTo(Json.ARTIFACT_ID);
    assertThat(o.get("artifacts").get(0).get("manifest_id").asText()).isEqualTo(Json.MANIFEST_ID);
    JsonNode s = o.get("summary");
    assertThat(names(s))
        .containsExactly(
            "total_duration_ms",
            "span_breakdown_pct",
            "peak_vram_mb",
            "avg_gpu_utilization_pct",
            "frame_count",
            "event_count",
            "observed_fps",
            "compute_units",
            "compute_units_by_span_kind",
            "pricing_profile",
            "completeness",
            "frame_events_expired");
    assertThat(names(s.get("span_breakdown_pct"))).containsExactly("LOAD", "SAMPLING");
    assertThat(s.get("avg_gpu_utilization_pct").isNull()).isTrue();
    assertThat(s.get("peak_vram_mb").doubleValue()).isEqualTo(20480.0);
    assertThat(o.get("events_has_more").booleanValue()).isFalse();
    assertThat(o.get("events_next_cursor").isNull()).isTrue();
    assertJson(s.get("compute_units_by_span_kind"), "{'SAMPLING':10.0,'DECODE':2.5}");
  }

  @Test
  void bottlenecks_areSortedByP95Descending() {
    ObjectNode b =
        ModelWriter.bottlenecks(
            T0,
            T0.plusSeconds(86400),
            List.of(
                new SpanDurationStats(SpanKind.LOAD, 2, 10.0, 12, 12),
                new SpanDurationStats(SpanKind.SAMPLING, 3, 1500.5, 2000, 2100),
                new SpanDurationStats(SpanKind.DECODE, 1, 12.0, 12, 12)));
    assertJson(
        b,
        "{'from':'2025-03-01T12:00:00.000Z','to':'2025-03-02T12:00:00.000Z','data':["
            + "{'span_kind':'SAMPLING','count':3,'avg_ms':1500.5,'p95_ms':2000,'p99_ms':2100},"
            + "{'span_kind':'DECODE','count':1,'avg_ms':12.0,'p95_ms':12,'p99_ms':12},"
            + "{'span_kind':'LOAD','count':2,'avg_ms':10.0,'p95_ms':12,'p99_ms':12}]}");
  }

  @Test
  void costs_followTheRequestedOrder_withTotals() {
    TraceId a = TraceId.of(Json.TRACE_ID);
    TraceId b = TraceId.of("0b3510b0-b46e-41da-b170-17a6205738d1");
    TraceId missing = TraceId.of("7cc661e9-7589-4a4a-87c1-5471a4517d6c");
    ComputeCost small = new ComputeCost(1.5, Map.of(SpanKind.LOAD, 1.5), "default", "2025-03");
    ObjectNode c =
        ModelWriter.costs(
            new CostReport(Map.of(a, Fixtures.cost(), b, small), List.of(missing)),
            List.of(missing, a, b, a));
    assertJson(
        c,
        "{'pricing_profile':{'name':'default','version':'2025-03'},'data':["
            + "{'trace_id':'"
            + a
            + "','compute_units':12.5,'by_span_kind':{'SAMPLING':10.0,'DECODE':2.5},"
            + "'pricing_profile':{'name':'default','version':'2025-03'}},"
            + "{'trace_id':'"
            + b
            + "','compute_units':1.5,'by_span_kind':{'LOAD':1.5},"
            + "'pricing_profile':{'name':'default','version':'2025-03'}}],"
            + "'total_compute_units':14.0,"
            + "'total_by_span_kind':{'LOAD':1.5,'SAMPLING':10.0,'DECODE':2.5},"
            + "'not_found':['"
            + missing
            + "']}");
    assertJson(
        ModelWriter.costs(new CostReport(Map.of(), List.of(missing)), List.of(missing)),
        "{'pricing_profile':null,'data':[],'total_compute_units':0.0,'total_by_span_kind':{},"
            + "'not_found':['"
            + missing
            + "']}");
  }

  @Test
  void timeseries_echoesMetricBucketAndRange() {
    ObjectNode ts =
        ModelWriter.timeseries(
            TimeseriesMetric.P95_LATENCY,
            BucketWidth.HOUR,
            T0,
            T0.plusSeconds(7200),
            List.of(new TimeBucket(T0, 950.0, 4)));
    assertJson(
        ts,
        "{'metric':'p95_latency','bucket':'hour','from':'2025-03-01T12:00:00.000Z',"
            + "'to':'2025-03-01T14:00:00.000Z',"
            + "'data':[{'start':'2025-03-01T12:00:00.000Z','value':950.0,'count':4}]}");
  }

  @Test
  void apiKey_neverShowsTheSecretHash_andThePlaintextOnlyOnCreation() {
    String secretHash = "ab".repeat(32);
    ApiKeyRecord k =
        new ApiKeyRecord(
            KeyId.of(Json.EVENT_ID),
            "abcd1234",
            TENANT,
            Role.SUPER_ADMIN,
            "ci",
            secretHash,
            T0,
            Optional.of(T0.plusSeconds(3600)),
            Optional.empty(),
            Optional.empty());
    ObjectNode listed = ModelWriter.apiKeys(List.of(k));
    assertThat(Json.text(ModelWriter.toBytes(listed)))
        .doesNotContain(secretHash)
        .doesNotContain("api_key");
    assertThat(names(listed.get("data").get(0)))
        .containsExactly(
            "key_id",
            "prefix",
            "tenant_id",
            "role",
            "name",
            "created_at",
            "expires_at",
            "revoked_at",
            "last_used_at");
    assertThat(listed.get("data").get(0).get("revoked_at").isNull()).isTrue();
    assertThat(listed.get("data").get(0).get("role").asText()).isEqualTo("super_admin");
    ObjectNode created =
        ModelWriter.createdApiKey(new CreatedApiKey(k, "ovpo_abcd1234_" + "x".repeat(32)));
    assertThat(names(created).subList(0, 2)).containsExactly("key_id", "api_key");
    assertThat(Json.text(ModelWriter.toBytes(created))).doesNotContain(secretHash);
  }

  @Test
  void auditRecord_isTheEventThenItsChainFields() {
    AuditRecord r =
        new AuditRecord(
            new AuditEvent(
                TENANT,
                AuditAction.TRACE_QUERY,
                "key:abcd1234",
                Optional.of("10.0.0.1"),
                Optional.empty(),
                T0,
                Optional.empty(),
                Map.of("status", "FAILED")),
            7,
            AuditRecord.GENESIS_HASH,
            "cd".repeat(32));
    ObjectNode page = ModelWriter.auditPage(new AuditPage(List.of(r), Optional.empty()));
    assertThat(names(page)).containsExactly("data", "has_more", "next_cursor");
    assertThat(page.get("has_more").booleanValue()).isFalse();
    assertThat(names(page.get("data").get(0)))
        .containsExactly(
            "sequence",
            "tenant_id",
            "action",
            "actor_id",
            "actor_ip",
            "user_agent",
            "timestamp",
            "resource",
            "details",
            "previous_hash",
            "record_hash");
    assertThat(page.get("data").get(0).get("user_agent").isNull()).isTrue();
    ObjectNode v =
        ModelWriter.auditVerification(new AuditVerification(true, 7, OptionalLong.empty(), "ok"));
    assertJson(v, "{'intact':true,'records_checked':7,'first_broken_sequence':null,'detail':'ok'}");
  }

  @Test
  void operationsBodies() {
    assertJson(ModelWriter.alive(), "{'status':'UP'}");
    assertJson(
        ModelWriter.ready(List.of(HealthStatus.up("queue"), HealthStatus.down("db", "refused"))),
        "{'status':'DOWN','checks':{'queue':{'status':'UP'},"
            + "'db':{'status':'DOWN','detail':'refused'}}}");
    assertJson(
        ModelWriter.ready(List.of(HealthStatus.up("queue"))),
        "{'status':'UP','checks':{'queue':{'status':'UP'}}}");
    assertJson(
        ModelWriter.signedUrl(
            new SignedUrl(URI.create("https://ovpo.example/a?sig=1"), T0.plusSeconds(600))),
        "{'url':'https://ovpo.example/a?sig=1','expires_at':'2025-03-01T12:10:00.000Z'}");
    Tombstone t =
        new Tombstone(
            DeletionId.of(Json.EVENT_ID),
            TENANT,
            T0,
            "key:abcd1234",
            "user request",
            Optional.of("ab".repeat(32)),
            4,
            1,
            DeletionState.RUNNING);
    assertJson(ModelWriter.deletion(t), "{'deletion_id':'" + Json.EVENT_ID + "','trace_count':4}");
    assertThat(names(ModelWriter.tombstone(t)))
        .containsExactly(
            "deletion_id",
            "tenant_id",
            "deleted_at",
            "deleted_by",
            "reason",
            "user_id_hash",
            "trace_count",
            "held_count",
            "state");
    assertJson(
        ModelWriter.legalHold(TraceId.of(Json.TRACE_ID), true),
        "{'trace_id':'" + Json.TRACE_ID + "','legal_hold':true}");
  }

  /** Same keys in the same order and the same values, as the compact text shows them. */
  static void assertJson(JsonNode actual, String expectedSingleQuoted) {
    assertThat(Json.text(ModelWriter.toBytes(actual)))
        .isEqualTo(Json.text(ModelWriter.toBytes(Json.parse(expectedSingleQuoted))));
  }

  static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }
}
