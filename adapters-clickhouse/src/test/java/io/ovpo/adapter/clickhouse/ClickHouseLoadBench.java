package io.ovpo.adapter.clickhouse;

import io.ovpo.ports.model.Attributes;
import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEvent;
import io.ovpo.ports.model.FrameMetric;
import io.ovpo.ports.model.GpuSample;
import io.ovpo.ports.model.QualityMetrics;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TraceId;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Loads jobs of 14,400 frames (10 minutes at 24 fps, plus a GPU sample per second) through {@link
 * ClickHouseStorage#frameEvents()} and times inserts and the read paths; docs/benchmarks.md has the
 * figures and the method. Not a test: run it by hand against a server of your own.
 *
 * <pre>
 * java -cp target/classes:target/test-classes:&lt;deps&gt; io.ovpo.adapter.clickhouse.ClickHouseLoadBench \
 *     http://127.0.0.1:8123 ovpo_bench 3400 4 3600 [insert]
 *     # url, database, jobs, appender threads, load budget in seconds, only the insert rate
 * </pre>
 */
public final class ClickHouseLoadBench {
  private static final int FRAMES = 14_400;
  private static final int CHUNK = 10_000;
  private static final Instant START = Instant.parse("2026-01-15T00:00:00Z");
  private static final Duration SPREAD = Duration.ofDays(60);

  private ClickHouseLoadBench() {}

  public static void main(String[] args) throws Exception {
    String url = args.length > 0 ? args[0] : "http://127.0.0.1:8123";
    String database = args.length > 1 ? args[1] : "ovpo_bench";
    int jobs = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    int threads = args.length > 3 ? Integer.parseInt(args[3]) : 4;
    // seconds of loading after which no new job starts (0: query what is there)
    long budgetSeconds =
        args.length > 4 ? Long.parseLong(args[4]) : Long.MAX_VALUE / 2_000_000_000L;
    // "insert": only the pre-generated insert rate (for CPU accounting around the process)
    boolean insertOnly = args.length > 5 && args[5].equals("insert");
    TenantId tenant = TenantId.of("bench-tenant");
    try (ClickHouseStorage storage =
        ClickHouseStorage.builder()
            .url(url)
            .database(database)
            .batchRows(CHUNK)
            .linger(Duration.ofMillis(20))
            .timeout(Duration.ofMinutes(5))
            .build()) {
      storage.migrate();
      List<TraceId> traces = new ArrayList<>();
      Random seeds = new Random(2026);
      for (int j = 0; j < jobs; j++) {
        traces.add(new TraceId(uuid(seeds)));
      }
      int loaded = jobs;
      if (budgetSeconds > 0) {
        // The store's own rate first: events generated beforehand, so only the port is timed.
        int probe = Math.min(jobs, 130);
        insertRate(storage, tenant, traces.subList(0, probe), threads);
        if (insertOnly) {
          return;
        }
        loaded = probe + load(storage, tenant, traces, probe, threads, budgetSeconds);
      }
      traces = traces.subList(0, loaded);
      ClickHouseHttp ch = storage.http();
      System.out.printf(
          "rows in frame_events: %s, rollup rows: %s, parts: %s, on disk: %s%n",
          scalar(ch, "SELECT count() AS v FROM " + ch.db() + ".frame_events"),
          scalar(ch, "SELECT count() AS v FROM " + ch.db() + ".frame_activity_hourly"),
          scalar(
              ch,
              "SELECT count() AS v FROM system.parts WHERE active AND database = "
                  + Sql.literal(database)
                  + " AND table = 'frame_events'"),
          scalar(
              ch,
              "SELECT formatReadableSize(sum(bytes_on_disk)) AS v FROM system.parts WHERE active"
                  + " AND database = "
                  + Sql.literal(database)));
      queries(storage, ch, tenant, traces);
    }
  }

  /**
   * Appends the jobs' events, generated beforehand, from {@code threads} threads; prints rows/s.
   */
  private static void insertRate(
      ClickHouseStorage storage, TenantId tenant, List<TraceId> traces, int threads)
      throws Exception {
    List<List<StoredFrameEvent>> chunks = new ArrayList<>();
    for (int j = 0; j < traces.size(); j++) {
      List<StoredFrameEvent> events = job(traces.get(j), j);
      for (int from = 0; from < events.size(); from += CHUNK) {
        chunks.add(events.subList(from, Math.min(events.size(), from + CHUNK)));
      }
    }
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong rows = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (List<StoredFrameEvent> chunk : chunks) {
      done.add(
          pool.submit(() -> rows.addAndGet(storage.frameEvents().append(tenant, chunk).size())));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "INSERT %d pre-generated rows in %.1f s = %.0f rows/s (%d appender threads, %d-row"
            + " appends)%n",
        rows.get(), s, rows.get() / s, threads, CHUNK);
  }

  /**
   * Loads jobs from {@code first} on until all are in or the budget is spent; returns how many jobs
   * were loaded.
   */
  private static int load(
      ClickHouseStorage storage,
      TenantId tenant,
      List<TraceId> traces,
      int first,
      int threads,
      long budgetSeconds)
      throws Exception {
    java.util.concurrent.atomic.AtomicInteger loaded =
        new java.util.concurrent.atomic.AtomicInteger();
    long deadline = System.nanoTime() + budgetSeconds * 1_000_000_000L;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong rows = new AtomicLong();
    long start = System.nanoTime();
    List<Future<?>> done = new ArrayList<>();
    for (int j = first; j < traces.size(); j++) {
      int job = j;
      done.add(
          pool.submit(
              () -> {
                if (System.nanoTime() > deadline) {
                  return null;
                }
                List<StoredFrameEvent> events = job(traces.get(job), job);
                for (int from = 0; from < events.size(); from += CHUNK) {
                  List<StoredFrameEvent> chunk =
                      events.subList(from, Math.min(events.size(), from + CHUNK));
                  rows.addAndGet(storage.frameEvents().append(tenant, chunk).size());
                }
                loaded.incrementAndGet();
                if (job % 100 == 99) {
                  double s = (System.nanoTime() - start) / 1e9;
                  System.out.printf(
                      "%d jobs, %d rows, %.0f s, %.0f rows/s%n",
                      job + 1, rows.get(), s, rows.get() / s);
                }
                return null;
              }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    pool.shutdown();
    double s = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "LOAD %d rows in %.1f s = %.0f rows/s (%d appender threads, %d-row appends)%n",
        rows.get(), s, rows.get() / s, threads, CHUNK);
    // jobs run in submission order, so the loaded ones are a prefix (give or take the last few)
    return loaded.get();
  }

  /** One job: every frame generated with quality metrics, a GPU sample each second. */
  private static List<StoredFrameEvent> job(TraceId trace, int job) {
    Random r = new Random(job);
    // SplittableRandom: java.util.Random's first draws of consecutive seeds are nearly equal
    double u = new java.util.SplittableRandom(job).nextDouble();
    Instant t0 = START.plusMillis((long) (u * SPREAD.toMillis()));
    List<StoredFrameEvent> out = new ArrayList<>(FRAMES + FRAMES / 24);
    for (int f = 0; f < FRAMES; f++) {
      Instant observed = t0.plusMillis(f * 1000L / 24);
      QualityMetrics q =
          new QualityMetrics(
              Map.of(
                  QualityMetrics.CLIP_SIMILARITY, 0.2 + r.nextDouble() * 0.2,
                  QualityMetrics.AESTHETIC_SCORE, 5 + r.nextDouble() * 2));
      out.add(event(trace, r, EventType.FRAME_GENERATED, f, observed, q, Optional.empty()));
      if (f % 24 == 0) {
        GpuSample g =
            new GpuSample(
                40_000 + r.nextDouble() * 30_000,
                60 + r.nextDouble() * 40,
                OptionalDouble.of(60 + r.nextDouble() * 20));
        out.add(
            event(
                trace,
                r,
                EventType.GPU_SAMPLE,
                f,
                observed,
                QualityMetrics.empty(),
                Optional.of(g)));
      }
    }
    return out;
  }

  private static StoredFrameEvent event(
      TraceId trace,
      Random r,
      EventType type,
      int frame,
      Instant observed,
      QualityMetrics q,
      Optional<GpuSample> gpu) {
    FrameEvent e =
        new FrameEvent(
            new EventId(uuid(r)),
            trace,
            Optional.empty(),
            type,
            frame,
            frame * 1000L / 24,
            observed,
            q,
            gpu,
            Optional.empty(),
            Attributes.empty());
    return new StoredFrameEvent(e, observed.plusMillis(40));
  }

  private static void queries(
      ClickHouseStorage storage, ClickHouseHttp ch, TenantId tenant, List<TraceId> traces) {
    Random r = new Random(1);
    Supplier<TraceId> anyTrace = () -> traces.get(r.nextInt(traces.size()));
    Instant dayFrom = START.plus(Duration.ofDays(20)).plusSeconds(1234);
    TimeRange day = TimeRange.of(dayFrom, dayFrom.plus(Duration.ofDays(1)));
    TimeRange month = TimeRange.of(dayFrom, dayFrom.plus(Duration.ofDays(30)));
    time(
        "byTrace, whole job (deduplicated by argMax)",
        () ->
            storage
                .frameEvents()
                .byTrace(tenant, anyTrace.get(), Optional.empty(), 100_000)
                .size());
    time(
        "byTrace, first page of 500",
        () -> storage.frameEvents().byTrace(tenant, anyTrace.get(), Optional.empty(), 500).size());
    time("stats", () -> storage.frameEvents().stats(tenant, anyTrace.get()).eventCount());
    time(
        "timeline, 240-frame windows",
        () -> storage.frameAnalytics().timeline(tenant, anyTrace.get(), 240).size());
    time(
        "activity, hourly over 24 h (rollup + edges)",
        () -> storage.frameAnalytics().activity(tenant, BucketWidth.HOUR, day).size());
    time(
        "activity, daily over 30 days (rollup + edges)",
        () -> storage.frameAnalytics().activity(tenant, BucketWidth.DAY, month).size());
    time(
        "metricSeries gpu util p95/p99, hourly over 24 h",
        () ->
            storage
                .frameAnalytics()
                .metricSeries(tenant, FrameMetric.GPU_UTILIZATION_PCT, BucketWidth.HOUR, day)
                .size());
    time(
        "metricSeries clip similarity, daily over 30 days",
        () ->
            storage
                .frameAnalytics()
                .metricSeries(tenant, FrameMetric.CLIP_SIMILARITY, BucketWidth.DAY, month)
                .size());
    // The dedupe strategies, same answer, one job's rows: FINAL vs argMax vs none.
    String t = Sql.literal(tenant.value());
    String cols = "frame_index, observed_at_ms, event_id, event_type, payload";
    time(
        "  per-job read, FINAL",
        () ->
            ch.query(
                    "SELECT "
                        + cols
                        + " FROM "
                        + ch.db()
                        + ".frame_events FINAL WHERE tenant_id = "
                        + t
                        + " AND trace_id = "
                        + Sql.literal(anyTrace.get().value())
                        + " ORDER BY frame_index, observed_at_ms, event_id")
                .size());
    time(
        "  per-job read, argMax GROUP BY sorting key",
        () ->
            ch.query(
                    "SELECT frame_index, argMax(observed_at_ms, version) AS o, event_id, event_type, argMax(payload, version) AS p FROM "
                        + ch.db()
                        + ".frame_events WHERE tenant_id = "
                        + t
                        + " AND trace_id = "
                        + Sql.literal(anyTrace.get().value())
                        + " GROUP BY event_type, frame_index, event_id ORDER BY frame_index, o, event_id")
                .size());
    time(
        "  per-job read, no dedupe",
        () ->
            ch.query(
                    "SELECT "
                        + cols
                        + " FROM "
                        + ch.db()
                        + ".frame_events WHERE tenant_id = "
                        + t
                        + " AND trace_id = "
                        + Sql.literal(anyTrace.get().value())
                        + " ORDER BY frame_index, observed_at_ms, event_id")
                .size());
    String range =
        " AND observed_at_ms >= "
            + dayFrom.toEpochMilli()
            + " AND observed_at_ms < "
            + dayFrom.plus(Duration.ofDays(1)).toEpochMilli();
    String p95 =
        "SELECT intDiv(observed_at_ms, 3600000) AS h, count() AS n, arraySort(groupArray(v))[intDiv(95 * n + 99, 100)] AS p95 FROM ";
    time(
        "  24 h p95, FINAL",
        () ->
            ch.query(
                    p95
                        + "(SELECT observed_at_ms, assumeNotNull(gpu_utilization_pct) AS v FROM "
                        + ch.db()
                        + ".frame_events FINAL WHERE tenant_id = "
                        + t
                        + range
                        + " AND isNotNull(gpu_utilization_pct)) GROUP BY h")
                .size());
    time(
        "  24 h p95, argMax GROUP BY sorting key",
        () ->
            ch.query(
                    p95
                        + "(SELECT t_ms AS observed_at_ms, v FROM (SELECT argMax(observed_at_ms, version) AS t_ms, assumeNotNull(argMax(gpu_utilization_pct, version)) AS v FROM "
                        + ch.db()
                        + ".frame_events WHERE tenant_id = "
                        + t
                        + range
                        + " AND isNotNull(gpu_utilization_pct) GROUP BY trace_id, event_type, frame_index, event_id)) GROUP BY h")
                .size());
    time(
        "  24 h p95, no dedupe",
        () ->
            ch.query(
                    p95
                        + "(SELECT observed_at_ms, assumeNotNull(gpu_utilization_pct) AS v FROM "
                        + ch.db()
                        + ".frame_events WHERE tenant_id = "
                        + t
                        + range
                        + " AND isNotNull(gpu_utilization_pct)) GROUP BY h")
                .size());
  }

  private static void time(String what, Supplier<Object> query) {
    long warm = System.nanoTime();
    for (int i = 0; i < 2; i++) {
      query.get();
    }
    // Queries of seconds get 5 measured runs instead of 15, so a run over 50 M rows stays short.
    int n = System.nanoTime() - warm > 4_000_000_000L ? 5 : 15;
    double[] ms = new double[n];
    Object result = null;
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      result = query.get();
      ms[i] = (System.nanoTime() - start) / 1e6;
    }
    Arrays.sort(ms);
    System.out.printf(
        "QUERY %-58s p50 %8.1f ms  p95 %8.1f ms  (result %s)%n",
        what, ms[n / 2], ms[(95 * n + 99) / 100 - 1], result);
  }

  private static String scalar(ClickHouseHttp ch, String sql) {
    return ch.query(sql).get(0).string("v");
  }

  private static String uuid(Random r) {
    return new UUID(
            (r.nextLong() & ~0xF000L) | 0x4000L,
            (r.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L)
        .toString();
  }
}
