package io.ovpo.app.query.testing;

import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.AuditLog;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;

/**
 * An audit log whose stored records a test can alter behind the application's back, the way an
 * attacker with database access would: reads return the altered record, appends are untouched.
 */
public final class TamperingAuditLog implements AuditLog {
  private record Slot(TenantId tenant, long sequence) {}

  private final AuditLog delegate;
  private final Map<Slot, UnaryOperator<AuditRecord>> alterations = new ConcurrentHashMap<>();

  public TamperingAuditLog(AuditLog delegate) {
    this.delegate = delegate;
  }

  /** From now on, reads of record {@code sequence} of {@code tenant} return {@code change(it)}. */
  public void alter(TenantId tenant, long sequence, UnaryOperator<AuditRecord> change) {
    alterations.put(new Slot(tenant, sequence), change);
  }

  private AuditRecord view(AuditRecord r) {
    UnaryOperator<AuditRecord> change =
        alterations.get(new Slot(r.event().tenantId(), r.sequence()));
    return change == null ? r : change.apply(r);
  }

  @Override
  public Optional<AuditRecord> head(TenantId tenant) {
    return delegate.head(tenant);
  }

  @Override
  public boolean append(AuditRecord record) {
    return delegate.append(record);
  }

  @Override
  public List<AuditRecord> list(AuditQuery query) {
    return delegate.list(query).stream().map(this::view).toList();
  }

  @Override
  public List<AuditRecord> ascending(TenantId tenant, long fromSequence, int limit) {
    return delegate.ascending(tenant, fromSequence, limit).stream().map(this::view).toList();
  }

  @Override
  public int deleteBefore(TenantId tenant, java.time.Instant cutoff) {
    return delegate.deleteBefore(tenant, cutoff);
  }

  @Override
  public HealthStatus check() {
    return delegate.check();
  }
}
