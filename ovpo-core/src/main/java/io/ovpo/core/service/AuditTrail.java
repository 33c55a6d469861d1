package io.ovpo.core.service;

import io.ovpo.core.audit.AuditChain;
import io.ovpo.core.cursor.CursorCodec;
import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.in.AuditPage;
import io.ovpo.ports.in.AuditUseCase;
import io.ovpo.ports.in.AuditVerification;
import io.ovpo.ports.model.AuditAction;
import io.ovpo.ports.model.AuditEvent;
import io.ovpo.ports.model.AuditQuery;
import io.ovpo.ports.model.AuditRecord;
import io.ovpo.ports.model.Permission;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.out.AuditLog;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The tenant-scoped, hash-chained audit trail. {@link #record} appends with compare-and-set on the
 * chain head (re-reading and re-linking when another writer took the sequence), and is what the
 * other services call; listing and verification need admin:keys.
 */
public final class AuditTrail implements AuditUseCase {
  static final int APPEND_ATTEMPTS = 64;
  static final int VERIFY_PAGE = 1000;
  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private final AuditLog log;
  private final CursorCodec cursors;
  private final Clock clock;
  private final LockStripes locks = new LockStripes(64);

  public AuditTrail(AuditLog log, CursorCodec cursors, Clock clock) {
    this.log = Objects.requireNonNull(log, "log");
    this.cursors = Objects.requireNonNull(cursors, "cursors");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Appends {@code event} to its tenant's chain.
   *
   * @throws StoreUnavailableException when the log is down or the chain head kept moving
   */
  public AuditRecord record(AuditEvent event) {
    // In-process writers queue on a lock per tenant; other processes are handled by the CAS.
    return locks.withTenant(event.tenantId(), () -> append(event));
  }

  /** Records what {@code principal} did from where {@code request} came from, timestamped now. */
  public AuditRecord record(
      Principal principal,
      RequestContext request,
      TenantId tenant,
      AuditAction action,
      Optional<String> resourceId,
      Map<String, String> details) {
    return record(event(principal, request, tenant, action, resourceId, details, clock.instant()));
  }

  /** The event for an action of {@code principal}; {@code at} is cut to milliseconds. */
  public static AuditEvent event(
      Principal principal,
      RequestContext request,
      TenantId tenant,
      AuditAction action,
      Optional<String> resourceId,
      Map<String, String> details,
      Instant at) {
    return new AuditEvent(
        tenant,
        action,
        principal.actorId(),
        request.actorIp(),
        request.userAgent(),
        at.truncatedTo(ChronoUnit.MILLIS),
        resourceId,
        details);
  }

  /** A timestamp as the wire writes it (spec 01: UTC, milliseconds), for details values. */
  static String timestamp(Instant t) {
    return TIMESTAMP.format(t.truncatedTo(ChronoUnit.MILLIS));
  }

  private AuditRecord append(AuditEvent event) {
    for (int attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      AuditRecord next = AuditChain.link(log.head(event.tenantId()), event);
      if (log.append(next)) {
        return next;
      }
      Thread.onSpinWait();
    }
    throw new StoreUnavailableException(
        "audit", "could not append to the audit chain: head kept moving", null);
  }

  @Override
  public AuditPage list(
      Principal principal,
      Optional<AuditAction> action,
      TimeRange range,
      int limit,
      Optional<String> cursor) {
    Access.require(principal, Permission.ADMIN_KEYS);
    if (limit < 1 || limit > 200) {
      throw new OvpoException(ErrorCode.INVALID_PARAMETER, "limit must be between 1 and 200");
    }
    TenantId tenant = principal.tenantId();
    OptionalLong before =
        cursor
            .map(c -> OptionalLong.of(cursors.decodeAudit(tenant, c)))
            .orElse(OptionalLong.empty());
    List<AuditRecord> records = log.list(new AuditQuery(tenant, action, range, before, limit));
    Optional<String> next = Optional.empty();
    if (records.size() == limit) {
      long last = records.get(records.size() - 1).sequence();
      // Probe for one more, so the last page never carries a cursor to an empty page.
      boolean more =
          !log.list(new AuditQuery(tenant, action, range, OptionalLong.of(last), 1)).isEmpty();
      next = more ? Optional.of(cursors.encodeAudit(tenant, last)) : Optional.empty();
    }
    return new AuditPage(records, next);
  }

  @Override
  public AuditVerification verify(Principal principal) {
    Access.require(principal, Permission.ADMIN_KEYS);
    TenantId tenant = principal.tenantId();
    // Audit retention removes the oldest records; the oldest one left anchors the chain.
    return AuditChain.verifyRetained(() -> new AscendingIterator(tenant));
  }

  /** Walks the chain page by page, so verification needs constant memory. */
  private final class AscendingIterator implements Iterator<AuditRecord> {
    private final TenantId tenant;
    private Iterator<AuditRecord> page = List.<AuditRecord>of().iterator();
    private long nextSequence = 1;
    private boolean exhausted;

    AscendingIterator(TenantId tenant) {
      this.tenant = tenant;
    }

    @Override
    public boolean hasNext() {
      if (!page.hasNext() && !exhausted) {
        List<AuditRecord> records = log.ascending(tenant, nextSequence, VERIFY_PAGE);
        exhausted = records.size() < VERIFY_PAGE;
        if (!records.isEmpty()) {
          nextSequence = records.get(records.size() - 1).sequence() + 1;
        }
        page = records.iterator();
      }
      return page.hasNext();
    }

    @Override
    public AuditRecord next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return page.next();
    }
  }
}
