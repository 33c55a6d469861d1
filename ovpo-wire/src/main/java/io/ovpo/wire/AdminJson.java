package io.ovpo.wire;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.in.AuditPage;
import io.ovpo.ports.in.AuditVerification;
import io.ovpo.ports.in.CreatedApiKey;
import io.ovpo.ports.model.ApiKeyRecord;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.DeletedCounts;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.RetentionPolicy;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.SignedUrl;
import io.ovpo.ports.model.Tenant;
import io.ovpo.ports.model.TenantConfig;
import io.ovpo.ports.model.Tombstone;
import io.ovpo.ports.model.TraceId;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** Ingest receipts, error bodies, admin and operations bodies. */
final class AdminJson {
  private static final long DAY_SECONDS = 86_400;

  private AdminJson() {}

  static ObjectNode receipt(IngestReceipt r) {
    ObjectNode o = WireJson.object();
    o.put("request_id", r.requestId());
    o.put("processed_items", r.processedItems());
    o.put("failed_items", r.failedItems());
    o.put("duplicate", r.duplicate());
    ArrayNode errors = o.putArray("errors");
    for (ItemError e : r.errors()) {
      ObjectNode x = errors.addObject();
      x.put("item_index", e.itemIndex());
      if (e.itemType().isPresent()) {
        x.put("item_type", e.itemType().get().wire());
      } else {
        x.putNull("item_type");
      }
      x.put("code", e.code().name());
      x.put("field", e.field());
      x.put("message", e.message());
    }
    return o;
  }

  static ObjectNode error(
      ErrorCode code, String message, String requestId, OptionalLong retryAfterSeconds) {
    ObjectNode o = WireJson.object();
    ObjectNode e = o.putObject("error");
    e.put("code", code.name());
    e.put("message", message);
    e.put("request_id", requestId);
    retryAfterSeconds.ifPresent(s -> e.put("retry_after", s));
    return o;
  }

  static ObjectNode tenant(Tenant t) {
    ObjectNode o = WireJson.object();
    o.put("tenant_id", t.tenantId().value());
    o.put("name", t.name());
    o.put("created_at", EntityJson.time(t.createdAt()));
    o.set("config", tenantConfig(t.config()));
    return o;
  }

  static ObjectNode tenantConfig(TenantConfig c) {
    ObjectNode o = WireJson.object();
    o.put("rate_tier", c.rateTier());
    o.put("hardware_profile", c.hardwareProfile());
    o.put("default_legal_hold", c.defaultLegalHold());
    RetentionPolicy r = c.retention();
    ObjectNode ret = o.putObject("retention");
    days(ret, "frame_events_days", r.frameEvents());
    days(ret, "traces_days", r.traces());
    days(ret, "artifacts_days", r.artifacts());
    if (r.audit().isPresent()) {
      days(ret, "audit_days", r.audit().get());
    } else {
      ret.putNull("audit_days");
    }
    return o;
  }

  /** Whole days (spec 06 §6.1); a finer duration, set outside the API, is rounded up. */
  private static void days(ObjectNode o, String name, Duration d) {
    long days = d.getSeconds() / DAY_SECONDS;
    if (days == 0 || d.getNano() != 0 || d.getSeconds() % DAY_SECONDS != 0) {
      days++;
    }
    o.put(name, days);
  }

  static ObjectNode apiKey(ApiKeyRecord k) {
    ObjectNode o = WireJson.object();
    o.put("key_id", k.keyId().value());
    apiKeyFields(o, k);
    return o;
  }

  /** The record's fields after key_id. Never the secret hash. */
  private static void apiKeyFields(ObjectNode o, ApiKeyRecord k) {
    o.put("prefix", k.prefix());
    o.put("tenant_id", k.tenantId().value());
    o.put("role", k.role().wire());
    o.put("name", k.name());
    o.put("created_at", EntityJson.time(k.createdAt()));
    nullableTime(o, "expires_at", k.expiresAt());
    nullableTime(o, "revoked_at", k.revokedAt());
    nullableTime(o, "last_used_at", k.lastUsedAt());
  }

  static ObjectNode createdApiKey(CreatedApiKey c) {
    ObjectNode o = WireJson.object();
    o.put("key_id", c.record().keyId().value());
    o.put("api_key", c.apiKey());
    apiKeyFields(o, c.record());
    return o;
  }

  /** Chapter 07 §2, in its table order; absent optional values are null. */
  static ObjectNode auditRecord(AuditRecord r) {
    AuditEvent e = r.event();
    ObjectNode o = WireJson.object();
    o.put("sequence", r.sequence());
    o.put("tenant_id", e.tenantId().value());
    o.put("action", e.action().name());
    o.put("actor_id", e.actorId());
    nullable(o, "actor_ip", e.actorIp());
    nullable(o, "user_agent", e.userAgent());
    o.put("timestamp", EntityJson.time(e.timestamp()));
    nullable(o, "resource", e.resourceId());
    ObjectNode details = o.putObject("details");
    e.details().forEach(details::put);
    o.put("previous_hash", r.previousHash());
    o.put("record_hash", r.recordHash());
    return o;
  }

  static ObjectNode auditPage(AuditPage page) {
    ObjectNode o = WireJson.object();
    ArrayNode data = o.putArray("data");
    page.records().forEach(r -> data.add(auditRecord(r)));
    o.put("has_more", page.nextCursor().isPresent());
    QueryJson.putNullable(o, "next_cursor", page.nextCursor());
    return o;
  }

  static ObjectNode auditVerification(AuditVerification v) {
    ObjectNode o = WireJson.object();
    o.put("intact", v.intact());
    o.put("records_checked", v.recordsChecked());
    if (v.firstBrokenSequence().isPresent()) {
      o.put("first_broken_sequence", v.firstBrokenSequence().getAsLong());
    } else {
      o.putNull("first_broken_sequence");
    }
    o.put("detail", v.detail());
    return o;
  }

  static ObjectNode signedUrl(SignedUrl u) {
    ObjectNode o = WireJson.object();
    o.put("url", u.url().toString());
    o.put("expires_at", EntityJson.time(u.expiresAt()));
    return o;
  }

  /** {@code /health}: the process serves HTTP. */
  static ObjectNode alive() {
    ObjectNode o = WireJson.object();
    o.put("status", "UP");
    return o;
  }

  /** {@code /ready} (05 §9.2): UP when every check is up; a DOWN check carries its detail. */
  static ObjectNode ready(List<HealthStatus> checks) {
    ObjectNode o = WireJson.object();
    o.put("status", checks.stream().allMatch(HealthStatus::up) ? "UP" : "DOWN");
    ObjectNode map = o.putObject("checks");
    for (HealthStatus h : checks) {
      ObjectNode c = map.putObject(h.component());
      c.put("status", h.up() ? "UP" : "DOWN");
      if (!h.up()) {
        c.put("detail", h.detail());
      }
    }
    return o;
  }

  /** The 202 answer to a user deletion: {@code {deletion_id, trace_count}}. */
  static ObjectNode deletion(Tombstone t) {
    ObjectNode o = WireJson.object();
    o.put("deletion_id", t.deletionId().value());
    o.put("trace_count", t.traceCount());
    return o;
  }

  /** Chapter 08 §6. */
  static ObjectNode tombstone(Tombstone t) {
    ObjectNode o = WireJson.object();
    o.put("deletion_id", t.deletionId().value());
    o.put("tenant_id", t.tenantId().value());
    o.put("deleted_at", EntityJson.time(t.deletedAt()));
    o.put("deleted_by", t.deletedBy());
    o.put("reason", t.reason());
    nullable(o, "user_id_hash", t.userIdHash());
    o.put("trace_count", t.traceCount());
    o.put("held_count", t.heldCount());
    o.put("state", t.state().name());
    return o;
  }

  /** Chapter 08 §2, the retention report. */
  static ObjectNode retentionReport(RetentionReport r) {
    ObjectNode o = WireJson.object();
    o.put("run_id", r.runId().value());
    o.put("tenant_id", r.tenantId().value());
    o.put("started_at", EntityJson.time(r.startedAt()));
    o.put("finished_at", EntityJson.time(r.finishedAt()));
    DeletedCounts d = r.deleted();
    ObjectNode deleted = o.putObject("deleted");
    deleted.put("traces", d.traces());
    deleted.put("spans", d.spans());
    deleted.put("frame_events", d.frameEvents());
    deleted.put("artifacts", d.artifacts());
    deleted.put("orphans", d.orphans());
    deleted.put("audit_records", d.auditRecords());
    o.put("held", r.held());
    o.put("failed", r.failed());
    nullable(o, "deletion_id", r.deletionId().map(DeletionId::value));
    return o;
  }

  /** The answer to a legal-hold change (06 §6.5). */
  static ObjectNode legalHold(TraceId traceId, boolean hold) {
    ObjectNode o = WireJson.object();
    o.put("trace_id", traceId.value());
    o.put("legal_hold", hold);
    return o;
  }

  private static void nullable(ObjectNode o, String name, Optional<String> value) {
    QueryJson.putNullable(o, name, value);
  }

  private static void nullableTime(ObjectNode o, String name, Optional<Instant> value) {
    nullable(o, name, value.map(EntityJson::time));
  }
}
