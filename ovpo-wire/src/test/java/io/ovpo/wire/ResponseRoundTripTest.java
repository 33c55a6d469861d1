package io.ovpo.wire;

import static io.ovpo.wire.Fixtures.T0;
import static io.ovpo.wire.Fixtures.TENANT;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ovpo.ports.in.CostReport;
import io.ovpo.ports.in.TraceSummary;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.Completeness;
import io.ovpo.ports.model.DeletedCounts;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.DeletionState;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.RetentionPolicy;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.RetentionRunId;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.SpanDurationStats;
import io.ovpo.ports.model.SpanKind;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceRecord;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** read(write(x)) == x for the response shapes that carry a whole record. */
class ResponseRoundTripTest {
  @Test
  void receipt() throws Exception {
    IngestReceipt r = Fixtures.receiptWithErrors();
    assertThat(ResponseReader.receipt(bytes(ModelWriter.receipt(r)))).isEqualTo(r);
    IngestReceipt rejected = new IngestReceipt("req-2", 400, 0, 1, true, r.errors().subList(0, 1));
    assertThat(ResponseReader.receipt(bytes(ModelWriter.receipt(rejected)))).isEqualTo(rejected);
  }

  @Test
  void traceView_givenWhatTheViewDoesNotCarry() throws Exception {
    TraceRecord r = Fixtures.partialRecord();
    TraceRecord back =
        ResponseReader.traceRecord(
            bytes(ModelWriter.traceView(r)), TENANT, 3, r.completeness(), r.cost());
    assertThat(back).isEqualTo(r);
    TraceRecord running = Fixtures.runningRecord();
    assertThat(
            ResponseReader.traceRecord(
                bytes(ModelWriter.traceView(running)),
                TENANT,
                1,
                running.completeness(),
                running.cost()))
        .isEqualTo(running);
  }

  @Test
  void tombstone_ofAUserDeletionAndOfARetentionRun() throws Exception {
    Tombstone user =
        new Tombstone(
            DeletionId.of("6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f"),
            TENANT,
            T0,
            "key:0f9e8d7c-6b5a-4c3d-8e1f-2a3b4c5d6e7f",
            "user deletion request",
            Optional.of("a".repeat(64)),
            12,
            2,
            DeletionState.RUNNING);
    assertThat(ResponseReader.tombstone(bytes(ModelWriter.tombstone(user)))).isEqualTo(user);
    Tombstone retention =
        new Tombstone(
            DeletionId.of("7a1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f"),
            TENANT,
            T0,
            "system:retention",
            "retention",
            Optional.empty(),
            3,
            0,
            DeletionState.COMPLETED);
    JsonNode json = ModelWriter.tombstone(retention);
    assertThat(json.get("user_id_hash").isNull()).isTrue();
    assertThat(ResponseReader.tombstone(bytes(json))).isEqualTo(retention);
    assertThat(ModelWriter.deletion(user).toString())
        .isEqualTo("{\"deletion_id\":\"6f1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f\",\"trace_count\":12}");
  }

  @Test
  void retentionReport_withAndWithoutATombstone() throws Exception {
    RetentionReport full =
        new RetentionReport(
            RetentionRunId.of("8b1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f"),
            TENANT,
            T0,
            T0.plusMillis(1250),
            new DeletedCounts(3, 40, 5000, 7, 0, 11),
            1,
            2,
            Optional.of(DeletionId.of("9c1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f")));
    assertThat(ResponseReader.retentionReport(bytes(ModelWriter.retentionReport(full))))
        .isEqualTo(full);
    RetentionReport none =
        new RetentionReport(
            RetentionRunId.of("8b1c2e4a-8b3d-4c5e-9f70-1a2b3c4d5e6f"),
            TENANT,
            T0,
            T0,
            DeletedCounts.NONE,
            0,
            0,
            Optional.empty());
    JsonNode json = ModelWriter.retentionReport(none);
    assertThat(json.get("deletion_id").isNull()).isTrue();
    assertThat(ResponseReader.retentionReport(bytes(json))).isEqualTo(none);
  }

  @Test
  void summary() throws Exception {
    TraceSummary full =
        new TraceSummary(
            OptionalLong.of(60_000),
            Map.of(SpanKind.SAMPLING, 80.0, SpanKind.LOAD, 20.0),
            OptionalDouble.of(20480.5),
            OptionalDouble.of(97.25),
            46,
            47,
            OptionalDouble.of(23.96),
            Optional.of(Fixtures.cost()),
            Fixtures.partial());
    assertThat(ResponseReader.summary(bytes(ModelWriter.summary(full)), "")).isEqualTo(full);
    TraceSummary empty =
        new TraceSummary(
            OptionalLong.empty(),
            Map.of(),
            OptionalDouble.empty(),
            OptionalDouble.empty(),
            0,
            0,
            OptionalDouble.empty(),
            Optional.empty(),
            Completeness.complete());
    assertThat(ResponseReader.summary(bytes(ModelWriter.summary(empty)), "")).isEqualTo(empty);
  }

  @Test
  void storedFrameEvent() throws Exception {
    StoredFrameEvent e =
        new StoredFrameEvent(ModelReader.frameEvent(Json.minimalEvent()), T0.plusSeconds(9));
    assertThat(ResponseReader.storedFrameEvent(bytes(ModelWriter.storedFrameEvent(e)), ""))
        .isEqualTo(e);
  }

  @Test
  void analytics() throws Exception {
    List<SpanDurationStats> stats =
        List.of(
            new SpanDurationStats(SpanKind.LOAD, 2, 10.5, 11, 11),
            new SpanDurationStats(SpanKind.DECODE, 9, 1000, 1200, 1300));
    assertThat(ResponseReader.bottlenecks(bytes(ModelWriter.bottlenecks(T0, T0, stats))))
        .isEqualTo(List.of(stats.get(1), stats.get(0)));
    List<TimeBucket> buckets =
        List.of(new TimeBucket(T0, 0.25, 8), new TimeBucket(T0.plusSeconds(86400), 0, 0));
    assertThat(
            ResponseReader.timeseries(
                bytes(
                    ModelWriter.timeseries(
                        TimeseriesMetric.FAILURE_RATE, BucketWidth.DAY, T0, T0, buckets))))
        .isEqualTo(buckets);
    CostReport report =
        new CostReport(
            Map.of(TraceId.of(Json.TRACE_ID), Fixtures.cost()),
            List.of(TraceId.of("7cc661e9-7589-4a4a-87c1-5471a4517d6c")));
    assertThat(ResponseReader.costs(bytes(ModelWriter.costs(report, List.of())))).isEqualTo(report);
  }

  @Test
  void auditRecord() throws Exception {
    AuditRecord r =
        new AuditRecord(
            new AuditEvent(
                TENANT,
                AuditAction.API_KEY_CREATED,
                "key:abcd1234",
                Optional.empty(),
                Optional.of("curl/8"),
                T0,
                Optional.of(Json.EVENT_ID),
                Map.of("role", "admin", "name", "ci")),
            12,
            "ab".repeat(32),
            "cd".repeat(32));
    assertThat(ResponseReader.auditRecord(bytes(ModelWriter.auditRecord(r)), "")).isEqualTo(r);
  }

  @Test
  void tenant() throws Exception {
    Tenant t =
        new Tenant(
            TENANT,
            "Acme",
            new TenantConfig(
                "unlimited",
                "h100-2025",
                true,
                new RetentionPolicy(
                    Duration.ofDays(90),
                    Duration.ofDays(730),
                    Duration.ofDays(30),
                    Optional.of(Duration.ofDays(2555)))),
            T0);
    assertThat(ResponseReader.tenant(bytes(ModelWriter.tenant(t)))).isEqualTo(t);
    Tenant plain = new Tenant(TENANT, "Acme", TenantConfig.DEFAULT, T0);
    JsonNode json = bytes(ModelWriter.tenant(plain));
    assertThat(json.at("/config/retention/audit_days").isNull()).isTrue();
    assertThat(ResponseReader.tenant(json)).isEqualTo(plain);
  }

  @Test
  void retentionFinerThanDays_isRoundedUpToWholeDays() {
    TenantConfig c =
        new TenantConfig(
            "default",
            "default",
            false,
            new RetentionPolicy(
                Duration.ofHours(36), Duration.ofDays(1), Duration.ofMinutes(1), Optional.empty()));
    assertThat(ModelWriter.tenantConfig(c).get("retention").toString())
        .isEqualTo(
            "{\"frame_events_days\":2,\"traces_days\":1,\"artifacts_days\":1,\"audit_days\":null}");
  }

  @Test
  void signedUrlAndHealth() throws Exception {
    SignedUrl u = new SignedUrl(URI.create("https://ovpo.example/v1/artifacts/x?sig=ab&exp=1"), T0);
    assertThat(ResponseReader.signedUrl(bytes(ModelWriter.signedUrl(u)))).isEqualTo(u);
    List<HealthStatus> checks = List.of(HealthStatus.up("a"), HealthStatus.down("b", "timeout"));
    assertThat(ResponseReader.ready(bytes(ModelWriter.ready(checks)))).isEqualTo(checks);
  }

  private static JsonNode bytes(JsonNode node) throws Exception {
    return WireJson.parse(ModelWriter.toBytes(node));
  }
}
