package io.ovpo.adapter.clickhouse;

import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Group commit for {@code frame_events}: concurrent appends are gathered for up to {@code linger}
 * or {@code batchRows} rows, checked against what is stored in one query per tenant, and written in
 * one INSERT; each caller then learns which of its events were new. ClickHouse wants few large
 * inserts (each makes a part to merge), while the port is synchronous (the processor acknowledges
 * only after the write). One writer thread per store makes check-then-insert atomic within the
 * process, so concurrent appends of the same event store it once and report it once.
 */
final class InsertBatcher implements AutoCloseable {
  /** One encoded event of a request. */
  record Pending(EventId id, TraceId traceId, byte[] row) {}

  private record Request(
      TenantId tenant, List<Pending> rows, CompletableFuture<Set<EventId>> done) {}

  private static final Request STOP = new Request(null, List.of(), null);

  private final ClickHouseHttp ch;
  private final int batchRows;
  private final long lingerNanos;
  private final long timeoutMs;
  private final LinkedBlockingQueue<Request> queue = new LinkedBlockingQueue<>();
  private Thread writer;
  private volatile boolean closed;

  InsertBatcher(ClickHouseHttp ch, int batchRows, Duration linger, long timeoutMs) {
    this.ch = ch;
    this.batchRows = batchRows;
    this.lingerNanos = linger.toNanos();
    this.timeoutMs = timeoutMs;
  }

  /** Stores the rows whose ids are new for the tenant; returns those ids. Blocks until written. */
  Set<EventId> append(TenantId tenant, List<Pending> rows) {
    if (rows.isEmpty()) {
      return Set.of();
    }
    Request r = new Request(tenant, rows, new CompletableFuture<>());
    synchronized (this) {
      if (closed) {
        throw new StoreUnavailableException(ClickHouseHttp.COMPONENT, "store is closed", null);
      }
      if (writer == null) {
        writer = new Thread(this::run, "ovpo-clickhouse-writer");
        writer.setDaemon(true);
        writer.start();
      }
      queue.add(r);
    }
    try {
      return r.done().get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) {
        throw re;
      }
      throw new StoreUnavailableException(ClickHouseHttp.COMPONENT, "append failed", e.getCause());
    } catch (TimeoutException e) {
      throw new StoreUnavailableException(ClickHouseHttp.COMPONENT, "append timed out", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreUnavailableException(ClickHouseHttp.COMPONENT, "interrupted", e);
    }
  }

  private void run() {
    List<Request> batch = new ArrayList<>();
    while (true) {
      try {
        Request first = queue.take();
        if (first == STOP) {
          return;
        }
        batch.add(first);
        int rows = first.rows().size();
        long deadline = System.nanoTime() + lingerNanos;
        while (rows < batchRows) {
          long left = deadline - System.nanoTime();
          Request next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
          if (next == null) {
            break;
          }
          if (next == STOP) {
            queue.add(STOP); // finish this batch, then stop
            break;
          }
          batch.add(next);
          rows += next.rows().size();
        }
        write(batch);
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        batch.forEach(r -> r.done().completeExceptionally(e));
      } finally {
        batch.clear();
      }
    }
  }

  /** Check, then insert what is new, then answer each request. */
  private void write(List<Request> batch) {
    Map<TenantId, Set<String>> stored = storedIds(batch);
    Map<Request, Set<EventId>> fresh = new LinkedHashMap<>();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (Request r : batch) {
      Set<String> taken = stored.get(r.tenant());
      Set<EventId> mine = new HashSet<>();
      for (Pending p : r.rows()) {
        if (taken.add(p.id().value())) { // earlier requests of this batch count as stored
          mine.add(p.id());
          body.writeBytes(p.row());
        }
      }
      fresh.put(r, mine);
    }
    if (body.size() > 0) {
      ch.insert("frame_events", body.toByteArray());
    }
    fresh.forEach((r, ids) -> r.done().complete(ids));
  }

  /** Per tenant, the ids of the batch that are already stored (for the batch's traces). */
  private Map<TenantId, Set<String>> storedIds(List<Request> batch) {
    Map<TenantId, Set<String>> traces = new HashMap<>();
    Map<TenantId, Set<String>> ids = new HashMap<>();
    for (Request r : batch) {
      for (Pending p : r.rows()) {
        traces.computeIfAbsent(r.tenant(), t -> new HashSet<>()).add(p.traceId().value());
        ids.computeIfAbsent(r.tenant(), t -> new HashSet<>()).add(p.id().value());
      }
    }
    Map<TenantId, Set<String>> out = new HashMap<>();
    ids.forEach(
        (tenant, tenantIds) -> {
          Set<String> found = new HashSet<>();
          // The sorting key starts with (tenant_id, trace_id), so this reads only those traces.
          // The ids travel as one comma-joined literal: 18.16 parses a 10,000-literal IN list
          // about three times slower than it splits one string (measured, spec chapter 11).
          List<Row> rows =
              ch.query(
                  "SELECT event_id FROM "
                      + ch.db()
                      + ".frame_events WHERE tenant_id = "
                      + Sql.literal(tenant.value())
                      + " AND trace_id IN "
                      + Sql.list(traces.get(tenant))
                      + " AND event_id IN (SELECT toFixedString(arrayJoin(splitByChar(',', "
                      + Sql.literal(String.join(",", tenantIds))
                      + ")), 36))");
          rows.forEach(row -> found.add(row.string("event_id")));
          out.put(tenant, found);
        });
    return out;
  }

  @Override
  public void close() {
    Thread t;
    synchronized (this) {
      closed = true;
      t = writer;
      if (t != null) {
        queue.add(STOP);
      }
    }
    if (t != null) {
      try {
        t.join(timeoutMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
