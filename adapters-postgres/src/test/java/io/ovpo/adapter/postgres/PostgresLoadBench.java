package io.ovpo.adapter.postgres;

import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.Span;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceQuery;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.testkit.Concurrently;
import io.ovpo.testkit.Fixtures;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Load benchmark (a main class, not a test): generates {@code -Dtraces} traces (default 1 M) with
 * five spans each into a fresh database, then measures, through the adapter as the runtime role
 * (row-level security on), trace-list page and trace-detail latency and the processor's write
 * throughput. Uses the same server as the tests ({@code OVPO_TEST_PG_URL}).
 */
public final class PostgresLoadBench {
  private static final String BIG = "bench-big";
  private static final List<String> SMALL = List.of("bench-1", "bench-2", "bench-3");
  private static final int CHUNK = 50_000;
  private static final int WARMUP = 100;
  private static final int SAMPLES = Integer.getInteger("samples", 1_000);

  private final TestDatabase db;
  private final PostgresStorage pg;
  private final Random random = new Random(42);

  private PostgresLoadBench(TestDatabase db) {
    this.db = db;
    this.pg = db.storage();
  }

  public static void main(String[] args) throws Exception {
    int traces = Integer.getInteger("traces", 1_000_000);
    // -Dbench.db=<name> reuses a database an earlier run generated (and keeps it).
    String existing = System.getProperty("bench.db");
    try (TestDatabase db =
        existing == null ? TestDatabase.create() : TestDatabase.attach(existing)) {
      PostgresLoadBench bench = new PostgresLoadBench(db);
      System.out.printf("load average at start: %s%n", loadAverage());
      if (existing == null) {
        bench.generate(traces);
        if (Boolean.getBoolean("bench.keep")) {
          System.out.println("keeping database " + db.keep() + " (-Dbench.db= to reuse it)");
        }
      }
      bench.listLatency();
      bench.detailLatency();
      bench.writeThroughput();
      System.out.printf("load average at end: %s%n", loadAverage());
    }
  }

  // ---- data ----

  private void generate(int traces) throws SQLException {
    long start = System.nanoTime();
    try (Connection c = db.connectAsAdmin();
        Statement s = c.createStatement()) {
      for (int from = 0; from < traces; from += CHUNK) {
        s.execute(chunk(from, Math.min(traces, from + CHUNK) - 1));
        System.out.printf("  generated %,d traces%n", Math.min(traces, from + CHUNK));
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          "generated %,d traces and %,d spans in %.0f s (server-side INSERT ... SELECT)%n",
          traces, traces * 5L, seconds);
      s.execute("VACUUM ANALYZE traces");
      s.execute("VACUUM ANALYZE spans");
      s.execute("VACUUM ANALYZE trace_tags");
      try (ResultSet rs =
          s.executeQuery(
              "SELECT pg_size_pretty(pg_total_relation_size('traces')),"
                  + " pg_size_pretty(pg_total_relation_size('spans')),"
                  + " pg_size_pretty(pg_total_relation_size('trace_tags'))")) {
        rs.next();
        System.out.printf(
            "size with indexes: traces %s, spans %s, trace_tags %s%n",
            rs.getString(1), rs.getString(2), rs.getString(3));
      }
    }
  }

  /** Traces {@code from..to} (70 % in one big tenant) and five spans each, in one statement. */
  private static String chunk(int from, int to) {
    return """
        WITH src AS (
          SELECT i, random() AS r, random() AS r2,
                 date_trunc('milliseconds', now() - random() * interval '90 days') AS c
          FROM generate_series(%d, %d) i),
        typed AS (
          SELECT i, r2, c,
                 CASE WHEN i %% 10 < 7 THEN '%s' ELSE 'bench-' || (i %% 10 - 6) END AS tenant,
                 'team-' || (i %% 20) AS team, (ARRAY['prod', 'dev', 'staging'])[1 + i %% 3] AS env,
                 'model-' || (i %% 5) AS model,
                 CASE WHEN r < 0.80 THEN 'COMPLETED' WHEN r < 0.88 THEN 'FAILED'
                      WHEN r < 0.93 THEN 'PARTIAL' WHEN r < 0.97 THEN 'RUNNING'
                      WHEN r < 0.99 THEN 'CANCELLED' ELSE 'PENDING' END AS status
          FROM src),
        t AS (
          INSERT INTO traces (tenant_id, trace_id, status, reported_status, created_at,
              started_at, ended_at, pipeline_config, user_id_hash, tags, attributes, failure,
              legal_hold, completeness, cost, compute_units, first_received_at, updated_at,
              version)
          SELECT tenant, gen_random_uuid(), status,
                 CASE WHEN status = 'PARTIAL' THEN 'COMPLETED' ELSE status END, c,
                 CASE WHEN status <> 'PENDING' THEN c + interval '1 second' END,
                 CASE WHEN status NOT IN ('PENDING', 'RUNNING')
                      THEN date_trunc('milliseconds',
                                      c + interval '1 second' + r2 * interval '10 minutes') END,
                 '{"model_name": "wan-2.1", "width": 1280, "height": 720, "fps": 24.0,
                   "num_frames": 96, "hardware": {"gpu_type": "H100", "gpu_count": 1}}',
                 CASE WHEN i %% 10 = 3 THEN encode(sha256(('user' || (i %% 5000))::bytea), 'hex') END,
                 jsonb_build_object('team', team, 'env', env, 'model', model),
                 '{}',
                 CASE WHEN status = 'FAILED' THEN '{"code": "OOM", "message": "CUDA out of memory",
                   "retryable": true}'::jsonb END,
                 false,
                 '{"reasons": [], "missing_frames": [], "truncated": false}',
                 CASE WHEN status NOT IN ('PENDING', 'RUNNING') THEN jsonb_build_object(
                   'compute_units', round((r2 * 100)::numeric, 3) + 0.5,
                   'by_span_kind', jsonb_build_object('SAMPLING', round((r2 * 100)::numeric, 3) + 0.5),
                   'profile_name', 'default', 'profile_version', '2026.1') END,
                 CASE WHEN status NOT IN ('PENDING', 'RUNNING')
                      THEN round((r2 * 100)::numeric, 3) + 0.5 END,
                 c, c, 1
          FROM typed
          RETURNING tenant_id, trace_id, created_at, coalesce(started_at, created_at) AS s,
                    status, tags),
        tagged AS (
          INSERT INTO trace_tags (tenant_id, trace_id, pair, created_at)
          SELECT t.tenant_id, t.trace_id, e.key || '=' || e.value, t.created_at
          FROM t CROSS JOIN jsonb_each_text(t.tags) e)
        INSERT INTO spans (tenant_id, span_id, trace_id, span_kind, name, start_time, end_time,
            status, attributes)
        SELECT t.tenant_id, gen_random_uuid(), t.trace_id, k.kind, lower(k.kind),
               t.s + k.n * interval '2 seconds',
               CASE WHEN t.status IN ('PENDING', 'RUNNING') AND k.n = 4 THEN NULL
                    ELSE t.s + k.n * interval '2 seconds'
                         + (random() * 2000)::int * interval '1 millisecond' END,
               CASE WHEN t.status IN ('PENDING', 'RUNNING') AND k.n = 4 THEN 'UNSET' ELSE 'OK' END,
               '{}'
        FROM t CROSS JOIN (VALUES (0, 'LOAD'), (1, 'TEXT_ENCODE'), (2, 'SAMPLING'),
                                  (3, 'DECODE'), (4, 'OUTPUT_ENCODE')) AS k(n, kind)
        """
        .formatted(from, to, BIG);
  }

  // ---- reads ----

  private void listLatency() throws SQLException {
    TenantId big = TenantId.of(BIG);
    TenantId small = TenantId.of(SMALL.get(0));
    List<PageKey> keys = randomKeys(BIG, SAMPLES);
    List<PageKey> failedKeys = randomKeys(BIG + "' AND status = 'FAILED", SAMPLES);
    Instant weekAgo = Instant.now().minus(Duration.ofDays(7));
    Map<String, Supplier<TraceQuery>> w = new java.util.LinkedHashMap<>();
    Set<TraceStatus> any = Set.of();
    Set<TraceStatus> failed = Set.of(TraceStatus.FAILED);
    Tags none = Tags.empty();
    w.put("first page, no filter (700 k tenant)", () -> q(big, any, none, null));
    w.put("first page, no filter (100 k tenant)", () -> q(small, any, none, null));
    w.put("random deep page, no filter", () -> q(big, any, none, pick(keys)));
    w.put("status=FAILED (8 %), first page", () -> q(big, failed, none, null));
    w.put("status=FAILED, random deep page", () -> q(big, failed, none, pick(failedKeys)));
    // The big tenant has teams i % 20 for i % 10 < 7: 0-6 and 10-16 (5 % each), never the others.
    w.put("tag team (5 %), first page", () -> q(big, any, team(), null));
    w.put("tag team (5 %), random deep page", () -> q(big, any, team(), pick(keys)));
    w.put("tag team + env (1.7 %), first page", () -> q(big, any, teamInProd(), null));
    w.put("status=FAILED + tag team (0.4 %)", () -> q(big, failed, team(), null));
    w.put("tag absent in the tenant (0 %)", () -> q(big, any, absentTeam(), null));
    w.put(
        "last 7 days, status RUNNING|PENDING",
        () ->
            new TraceQuery(
                big,
                Set.of(TraceStatus.RUNNING, TraceStatus.PENDING),
                new TimeRange(Optional.of(weekAgo), Optional.empty()),
                none,
                50,
                Optional.empty()));
    System.out.println();
    System.out.println("trace list, limit 50, through TraceStore.list (ms):");
    List<Long> all = new ArrayList<>();
    for (Map.Entry<String, Supplier<TraceQuery>> workload : w.entrySet()) {
      long[] ns = measure(() -> pg.traces().list(workload.getValue().get()));
      Arrays.stream(ns).forEach(all::add);
      report(workload.getKey(), ns);
    }
    report("ALL list workloads together", all.stream().mapToLong(Long::longValue).toArray());
  }

  private void detailLatency() throws SQLException {
    TenantId big = TenantId.of(BIG);
    List<TraceId> ids = new ArrayList<>();
    for (PageKey k : randomKeys(BIG, SAMPLES)) {
      ids.add(k.lastId());
    }
    System.out.println();
    System.out.println(
        "trace detail: get + spans + artifacts + frame events (first 1000) + frame stats (ms):");
    long[] ns =
        measure(
            () -> {
              TraceId id = pick(ids);
              pg.traces().get(big, id).orElseThrow();
              pg.spans().byTrace(big, id);
              pg.artifacts().byTrace(big, id);
              pg.frameEvents().byTrace(big, id, Optional.empty(), 1_000);
              return pg.frameEvents().stats(big, id);
            });
    report("trace detail (700 k tenant)", ns);
    long[] getOnly = measure(() -> pg.traces().get(big, pick(ids)));
    report("  of which TraceStore.get", getOnly);
    long[] spansOnly = measure(() -> pg.spans().byTrace(big, pick(ids)));
    report("  of which SpanStore.byTrace", spansOnly);
  }

  // ---- writes ----

  private void writeThroughput() {
    System.out.println();
    System.out.println("processor writes through the adapter (rows/s):");
    Fixtures fx = new Fixtures(System.nanoTime());
    TenantId tenant = TenantId.of("bench-writes");
    for (int threads : new int[] {1, 4}) {
      int perThread = 1_500;
      List<List<Object[]>> work = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        List<Object[]> items = new ArrayList<>();
        for (int i = 0; i < perThread; i++) {
          TraceRecord r = fx.record(tenant, fx.trace().build()).build();
          List<Span> spans = new ArrayList<>();
          for (int k = 0; k < 5; k++) {
            spans.add(fx.span(r.traceId()).start(Fixtures.T0.plusSeconds(k)).build());
          }
          items.add(new Object[] {r, spans});
        }
        work.add(items);
      }
      long start = System.nanoTime();
      Concurrently.runAll(
          threads,
          t -> {
            for (Object[] item : work.get(t)) {
              TraceRecord r = (TraceRecord) item[0];
              @SuppressWarnings("unchecked")
              List<Span> spans = (List<Span>) item[1];
              pg.traces().put(r, 0);
              pg.spans().upsert(tenant, spans);
              pg.dedupe()
                  .remember(
                      tenant,
                      spans.stream().map(s -> "span:" + s.spanId()).toList(),
                      Instant.now().plus(Duration.ofDays(1)));
            }
          });
      double seconds = (System.nanoTime() - start) / 1e9;
      long rows = (long) threads * perThread * 11; // trace + 5 spans + 5 dedupe keys
      System.out.printf(
          "  per envelope (1 trace put + 5 spans + 5 dedupe keys), %d thread(s): %,.0f rows/s"
              + " (%,.0f envelopes/s)%n",
          threads, rows / seconds, threads * perThread / seconds);
    }
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < 100_000; i++) {
      spans.add(fx.span(fx.traceId()).start(Fixtures.T0.plusMillis(i)).build());
    }
    long start = System.nanoTime();
    for (int from = 0; from < spans.size(); from += 1_000) {
      pg.spans().upsert(tenant, spans.subList(from, from + 1_000));
    }
    System.out.printf(
        "  span upsert, batches of 1000, 1 thread: %,.0f rows/s%n",
        spans.size() / ((System.nanoTime() - start) / 1e9));
    List<StoredFrameEvent> events = new ArrayList<>();
    TraceId trace = fx.traceId();
    for (int i = 0; i < 100_000; i++) {
      events.add(fx.event(trace).frame(i).gpu(40_000 + i % 1000, 95).stored());
    }
    start = System.nanoTime();
    for (int from = 0; from < events.size(); from += 1_000) {
      pg.frameEvents().append(tenant, events.subList(from, from + 1_000));
    }
    System.out.printf(
        "  frame event append, batches of 1000, 1 thread: %,.0f rows/s%n",
        events.size() / ((System.nanoTime() - start) / 1e9));
  }

  // ---- helpers ----

  /** A page of 50 over all time, after {@code after} when not null. */
  private static TraceQuery q(TenantId t, Set<TraceStatus> statuses, Tags tags, PageKey after) {
    return new TraceQuery(t, statuses, TimeRange.all(), tags, 50, Optional.ofNullable(after));
  }

  private Tags team() {
    return Tags.of(Map.of("team", "team-" + (10 * random.nextInt(2) + random.nextInt(7))));
  }

  private Tags teamInProd() {
    return Tags.of(Map.of("team", team().values().get("team"), "env", "prod"));
  }

  private Tags absentTeam() {
    return Tags.of(Map.of("team", "team-" + (7 + 10 * random.nextInt(2) + random.nextInt(3))));
  }

  /** Keyset positions of random traces matching {@code where} (a tenant id, maybe more SQL). */
  private List<PageKey> randomKeys(String where, int n) throws SQLException {
    List<PageKey> keys = new ArrayList<>();
    try (Connection c = db.connectAsAdmin();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT created_at, trace_id FROM traces TABLESAMPLE SYSTEM (2)"
                    + " WHERE tenant_id = '"
                    + where
                    + "' LIMIT "
                    + n)) {
      while (rs.next()) {
        keys.add(
            new PageKey(
                rs.getObject(1, OffsetDateTime.class).toInstant(), TraceId.of(rs.getString(2))));
      }
    }
    return keys;
  }

  private <T> T pick(List<T> values) {
    return values.get(random.nextInt(values.size()));
  }

  private static long[] measure(Supplier<?> op) {
    for (int i = 0; i < WARMUP; i++) {
      op.get();
    }
    long[] ns = new long[SAMPLES];
    for (int i = 0; i < SAMPLES; i++) {
      long t = System.nanoTime();
      op.get();
      ns[i] = System.nanoTime() - t;
    }
    return ns;
  }

  private static void report(String name, long[] ns) {
    long[] sorted = ns.clone();
    Arrays.sort(sorted);
    System.out.printf(
        "  %-42s n=%5d  p50 %7.2f  p95 %7.2f  p99 %7.2f  max %7.2f%n",
        name,
        sorted.length,
        pct(sorted, 0.50),
        pct(sorted, 0.95),
        pct(sorted, 0.99),
        sorted[sorted.length - 1] / 1e6);
  }

  private static double pct(long[] sorted, double p) {
    return sorted[(int) Math.ceil(p * sorted.length) - 1] / 1e6;
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
    } catch (java.io.IOException e) {
      return "n/a";
    }
  }
}
