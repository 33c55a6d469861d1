package io.ovpo.app.common.wiring;

import dagger.Binds;
import dagger.BindsOptionalOf;
import dagger.Module;
import dagger.Provides;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.core.cache.TraceViewReads;
import io.ovpo.core.cost.HardwareProfiles;
import io.ovpo.core.cursor.CursorCodec;
import io.ovpo.core.service.AdminService;
import io.ovpo.core.service.ArtifactAccessService;
import io.ovpo.core.service.AuditTrail;
import io.ovpo.core.service.AuthService;
import io.ovpo.core.service.FrameAnalyticsQueries;
import io.ovpo.core.service.IngestService;
import io.ovpo.core.service.IngestSettings;
import io.ovpo.core.service.ProcessorService;
import io.ovpo.core.service.ProcessorSettings;
import io.ovpo.core.service.QueryService;
import io.ovpo.core.service.RateLimitService;
import io.ovpo.core.service.RateTiers;
import io.ovpo.core.service.RetentionService;
import io.ovpo.ports.in.AnalyticsUseCase;
import io.ovpo.ports.in.ApiKeyAdminUseCase;
import io.ovpo.ports.in.ArtifactAccessUseCase;
import io.ovpo.ports.in.AuditUseCase;
import io.ovpo.ports.in.AuthenticateUseCase;
import io.ovpo.ports.in.BootstrapUseCase;
import io.ovpo.ports.in.IngestBatchUseCase;
import io.ovpo.ports.in.LegalHoldUseCase;
import io.ovpo.ports.in.ProcessEnvelopeUseCase;
import io.ovpo.ports.in.QueryTracesUseCase;
import io.ovpo.ports.in.RateLimitUseCase;
import io.ovpo.ports.in.ReconcileUseCase;
import io.ovpo.ports.in.RetentionUseCase;
import io.ovpo.ports.in.TenantAdminUseCase;
import io.ovpo.ports.in.UserDeletionUseCase;
import io.ovpo.ports.out.ApiKeyStore;
import io.ovpo.ports.out.ArtifactStore;
import io.ovpo.ports.out.AuditLog;
import io.ovpo.ports.out.DedupeStore;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.IdempotencyStore;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.ItemCodec;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.ObjectStore;
import io.ovpo.ports.out.RateLimiter;
import io.ovpo.ports.out.ReconciliationStore;
import io.ovpo.ports.out.RetentionRunLog;
import io.ovpo.ports.out.SpanStore;
import io.ovpo.ports.out.TenantStore;
import io.ovpo.ports.out.TombstoneStore;
import io.ovpo.ports.out.TraceStore;
import io.ovpo.ports.out.TraceViewCache;
import io.ovpo.ports.out.TraceViewCodec;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import javax.inject.Singleton;

/** Core's use-case services, built from the out-ports, bound to the in-ports the apps call. */
@Module
public abstract class CoreModule {
  @Provides
  @Singleton
  static AuthService auth(ApiKeyStore keys, Clock clock, MetricsRecorder metrics) {
    return new AuthService(keys, clock, metrics);
  }

  @Provides
  @Singleton
  static RateLimitService rateLimits(RateLimiter limiter, TenantStore tenants, RateTiers tiers) {
    return new RateLimitService(limiter, tenants, tiers);
  }

  @Provides
  @Singleton
  static IngestService ingest(
      IdempotencyStore idempotency,
      IngestQueue queue,
      ItemCodec codec,
      Clock clock,
      MetricsRecorder metrics) {
    return new IngestService(idempotency, queue, codec, clock, metrics, IngestSettings.defaults());
  }

  @Provides
  @Singleton
  static ProcessorService processor(
      TraceStore traces,
      SpanStore spans,
      FrameEventStore events,
      ArtifactStore artifacts,
      DedupeStore dedupe,
      TombstoneStore tombstones,
      ReconciliationStore reconciliation,
      TenantStore tenants,
      HardwareProfiles profiles,
      ItemCodec codec,
      Clock clock,
      MetricsRecorder metrics,
      Optional<TraceViewCache> views) {
    return new ProcessorService(
        traces,
        spans,
        events,
        artifacts,
        dedupe,
        tombstones,
        reconciliation,
        tenants,
        profiles,
        codec,
        clock,
        metrics,
        ProcessorSettings.DEFAULT,
        views.orElse(TraceViewCache.none()));
  }

  @Provides
  @Singleton
  static AuditTrail auditTrail(AuditLog log, CursorCodec cursors, Clock clock) {
    return new AuditTrail(log, cursors, clock);
  }

  @Provides
  @Singleton
  static QueryService query(
      TraceStore traces,
      SpanStore spans,
      FrameEventStore events,
      ArtifactStore artifacts,
      CursorCodec cursors,
      AuditTrail audit,
      HardwareProfiles profiles,
      TenantStore tenants,
      Clock clock,
      TraceViewReads views) {
    return new QueryService(
        traces, spans, events, artifacts, cursors, audit, profiles, tenants, clock, views);
  }

  @Provides
  @Singleton
  static FrameAnalyticsQueries frameAnalytics(
      TraceStore traces, FrameAnalyticsStore frames, AuditTrail audit) {
    return new FrameAnalyticsQueries(traces, frames, audit);
  }

  /** Trace details and list pages through the view cache (a no-op when it is off). */
  @Provides
  @Singleton
  static TraceViewReads viewReads(
      Optional<TraceViewCache> cache,
      TraceViewCodec codec,
      OvpoConfig config,
      Clock clock,
      MetricsRecorder metrics) {
    return new TraceViewReads(
        cache.orElse(TraceViewCache.none()), codec, ViewCaching.settings(config), clock, metrics);
  }

  /** Bound by {@link BackendsModule}; components with their own backends may leave it out. */
  @BindsOptionalOf
  abstract TraceViewCache viewCache();

  @Provides
  @Singleton
  static AdminService admin(
      TenantStore tenants,
      ApiKeyStore keys,
      TraceStore traces,
      AuditTrail audit,
      SecureRandom random,
      Clock clock) {
    return new AdminService(tenants, keys, traces, audit, random, clock);
  }

  @Provides
  @Singleton
  static ArtifactAccessService artifactAccess(
      TraceStore traces,
      ArtifactStore artifacts,
      ObjectStore objects,
      AuditTrail audit,
      Clock clock) {
    return new ArtifactAccessService(traces, artifacts, objects, audit, clock);
  }

  @Provides
  @Singleton
  static RetentionConfig retentionConfig(OvpoConfig config) {
    return RetentionConfig.of(config);
  }

  @Provides
  @Singleton
  static RetentionService retention(
      TraceStore traces,
      SpanStore spans,
      FrameEventStore events,
      ArtifactStore artifacts,
      ObjectStore objects,
      TombstoneStore tombstones,
      ReconciliationStore reconciliation,
      TenantStore tenants,
      AuditLog auditLog,
      AuditTrail audit,
      RetentionRunLog runs,
      Clock clock,
      MetricsRecorder metrics,
      RetentionConfig config) {
    return new RetentionService(
        traces,
        spans,
        events,
        artifacts,
        objects,
        tombstones,
        reconciliation,
        tenants,
        auditLog,
        audit,
        runs,
        clock,
        metrics,
        config.settings());
  }

  @Binds
  abstract RetentionUseCase retentionUseCase(RetentionService s);

  @Binds
  abstract UserDeletionUseCase userDeletionUseCase(RetentionService s);

  @Binds
  abstract AuthenticateUseCase authenticate(AuthService s);

  @Binds
  abstract RateLimitUseCase rateLimit(RateLimitService s);

  @Binds
  abstract IngestBatchUseCase ingestBatch(IngestService s);

  @Binds
  abstract ProcessEnvelopeUseCase processEnvelope(ProcessorService s);

  @Binds
  abstract ReconcileUseCase reconcile(ProcessorService s);

  @Binds
  abstract QueryTracesUseCase queryTraces(QueryService s);

  @Binds
  abstract AnalyticsUseCase analytics(QueryService s);

  @Binds
  abstract AuditUseCase auditUseCase(AuditTrail s);

  @Binds
  abstract TenantAdminUseCase tenantAdmin(AdminService s);

  @Binds
  abstract ApiKeyAdminUseCase apiKeyAdmin(AdminService s);

  @Binds
  abstract LegalHoldUseCase legalHoldUseCase(AdminService s);

  @Binds
  abstract BootstrapUseCase bootstrap(AdminService s);

  @Binds
  abstract ArtifactAccessUseCase artifactAccessUseCase(ArtifactAccessService s);
}
