package io.ovpo.adapter.inmemory;

import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.RetentionRunId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.RetentionRunLog;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Retention reports per tenant, the newest {@value #KEPT_PER_TENANT} kept (a run a day makes that
 * more than a year); older ones are dropped, which loses nothing the audit trail does not hold.
 */
final class InMemoryRetentionRunLog implements RetentionRunLog {
  static final int KEPT_PER_TENANT = 500;
  private static final Comparator<RetentionReport> NEWEST_FIRST =
      Comparator.comparing(RetentionReport::startedAt)
          .thenComparing(r -> r.runId().value())
          .reversed();

  private final ConcurrentHashMap<TenantId, Map<RetentionRunId, RetentionReport>> reports =
      new ConcurrentHashMap<>();

  @Override
  public void save(RetentionReport report) {
    Map<RetentionRunId, RetentionReport> mine =
        reports.computeIfAbsent(report.tenantId(), k -> new ConcurrentHashMap<>());
    synchronized (mine) {
      mine.put(report.runId(), report);
      if (mine.size() > KEPT_PER_TENANT) {
        mine.values().stream().sorted(NEWEST_FIRST).skip(KEPT_PER_TENANT).toList().stream()
            .map(RetentionReport::runId)
            .forEach(mine::remove);
      }
    }
  }

  @Override
  public List<RetentionReport> recent(TenantId tenant, int limit) {
    Map<RetentionRunId, RetentionReport> mine = reports.get(tenant);
    if (mine == null) {
      return List.of();
    }
    synchronized (mine) {
      return mine.values().stream().sorted(NEWEST_FIRST).limit(limit).toList();
    }
  }

  @Override
  public HealthStatus check() {
    return Health.up();
  }
}
