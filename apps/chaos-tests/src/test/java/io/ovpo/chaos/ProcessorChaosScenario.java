package io.ovpo.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.testkit.Fixtures;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The chaos run of issue 8 on one broker: a split deployment (collector, processor and query as
 * separate processes) on a fresh database; {@value #DEFAULT_ITEMS} items (system property {@code
 * ovpo.chaos.items}) streamed through the collector's HTTP endpoint while the processor process is
 * SIGKILLed and restarted twice; afterwards every accepted item is stored exactly once (counts and
 * ids compared with what was sent), and the query app serves what the collector accepted.
 */
abstract class ProcessorChaosScenario {
  static final int DEFAULT_ITEMS = 100_000;
  private static final int BATCH = 500;
  private static final int SENDERS = 2;

  /** The processor is killed when these shares of the frame events are stored. */
  private static final double[] KILL_AT = {0.25, 0.6};

  private final long started = System.nanoTime();

  /** A bound that fails the run instead of hanging the build; generous for a loaded machine. */
  private static final Duration RUN_LIMIT =
      Duration.ofMinutes(Integer.getInteger("ovpo.chaos.minutes", 10));

  private static final Pattern TRACE_ID = Pattern.compile("\"trace_id\":\"([0-9a-f-]{36})\"");
  private static final Pattern NEXT = Pattern.compile("\"next_cursor\":\"([^\"]+)\"");

  /** {@code OVPO_QUEUE} and the broker's settings, naming a stream or topic of this run only. */
  protected abstract Map<String, String> brokerSettings();

  /** The component name the queue reports in {@code /ready}. */
  protected abstract String brokerComponent();

  @Test
  void processorKilledTwiceMidStream_everyAcceptedItemIsStoredExactlyOnce() throws Exception {
    int total = Integer.getInteger("ovpo.chaos.items", DEFAULT_ITEMS);
    int kills = Integer.getInteger("ovpo.chaos.kills", KILL_AT.length);
    Fixtures fx = Fixtures.forTest(getClass().getName());
    ItemStream stream = new ItemStream(fx, total, BATCH);
    Path logs = Path.of(System.getProperty("ovpo.chaos.logs", "target/chaos-logs"));
    try (ChaosDatabase db = ChaosDatabase.create();
        SplitDeployment d = SplitDeployment.start(brokerSettings(), db, logs)) {
      try {
        log("deployment ready");
        run(stream, db, d, kills);
      } catch (Exception | AssertionError e) {
        throw new AssertionError(e.getMessage() + "\nprocess logs:" + d.tails(), e);
      }
    }
  }

  private void run(ItemStream stream, ChaosDatabase db, SplitDeployment d, int kills)
      throws Exception {
    for (AppProcess app : d.running()) {
      assertReadyReportsTheBroker(app);
    }
    long deadline = System.nanoTime() + RUN_LIMIT.toNanos();
    ExecutorService senders = Executors.newFixedThreadPool(SENDERS);
    AtomicInteger nextBatch = new AtomicInteger();
    AtomicLong accepted = new AtomicLong();
    IngestClient client = new IngestClient(d.collector().uri("/v1/ingest/batch"), d.apiKey());
    List<Future<?>> sending = new ArrayList<>();
    for (int s = 0; s < SENDERS; s++) {
      Fixtures mine = new Fixtures(s); // the non-id fields; ids come from the stream
      sending.add(
          senders.submit(
              () -> {
                for (int b = nextBatch.getAndIncrement();
                    b < stream.batches();
                    b = nextBatch.getAndIncrement()) {
                  accepted.addAndGet(client.send(stream.body(b, mine), stream.batchItems(b)));
                }
                return null;
              }));
    }
    long frames = stream.eventIds().size();
    List<Long> storedAtKill = new ArrayList<>();
    try {
      while (storedAtKill.size() < Math.min(kills, KILL_AT.length)) {
        long stored = db.count("frame_events");
        if (stored >= frames * KILL_AT[storedAtKill.size()]) {
          d.killAndRestartProcessor();
          storedAtKill.add(stored);
          log("processor killed with " + stored + " frame events stored; restarted");
        }
        assertThat(System.nanoTime())
            .as("processor kills due within the time limit")
            .isLessThan(deadline);
        Thread.sleep(100);
      }
      for (Future<?> f : sending) {
        f.get(); // rethrows a sender's failure
      }
    } finally {
      senders.shutdownNow();
    }
    assertThat(accepted.get()).as("items accepted by the collector").isEqualTo(stream.size());
    log(
        "all "
            + stream.size()
            + " items accepted; "
            + db.count("frame_events")
            + " frame events stored");
    d.processor().awaitReady(Duration.ofSeconds(90));
    awaitEverythingStored(stream, db, deadline);
    log("everything stored");

    // the kills hit a processor in the middle of the stream
    assertThat(storedAtKill).allSatisfy(n -> assertThat(n).isBetween(1L, frames - 1));
    // exactly once: as many rows as items sent, and the very ids sent
    assertThat(db.count("frame_events")).isEqualTo(frames);
    assertThat(db.column("frame_events", "event_id")).isEqualTo(stream.eventIds());
    assertThat(db.count("spans")).isEqualTo(stream.spanIds().size());
    assertThat(db.column("spans", "span_id")).isEqualTo(stream.spanIds());
    assertThat(db.count("traces")).isEqualTo(stream.traceIds().size());
    assertThat(db.column("traces", "trace_id")).isEqualTo(stream.traceIds());
    assertThat(db.countWhere("traces", "status", "RUNNING")).as("traces still RUNNING").isZero();

    // the query app serves what the collector accepted
    assertThat(listedTraceIds(d)).isEqualTo(stream.traceIds());
    String first = stream.traceIdList().get(0);
    HttpResponse<String> detail = d.query().get("/v1/traces/" + first, d.apiKey());
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body())
        .contains("\"frame_count\":" + Math.min(frames, ItemStream.PER_TRACE - 6));
    for (AppProcess app : d.running()) {
      assertReadyReportsTheBroker(app);
    }
  }

  private void log(String what) {
    System.out.printf(
        "[%s %5.1f s] %s%n", getClass().getSimpleName(), (System.nanoTime() - started) / 1e9, what);
  }

  private void awaitEverythingStored(ItemStream stream, ChaosDatabase db, long deadline)
      throws Exception {
    while (db.count("frame_events") < stream.eventIds().size()
        || db.count("spans") < stream.spanIds().size()
        || db.count("traces") < stream.traceIds().size()
        || db.countWhere("traces", "status", "RUNNING") > 0) {
      assertThat(System.nanoTime())
          .as(
              "everything stored within the time limit (frame events %d of %d)",
              db.count("frame_events"), stream.eventIds().size())
          .isLessThan(deadline);
      Thread.sleep(250);
    }
  }

  private Set<String> listedTraceIds(SplitDeployment d) throws Exception {
    Set<String> ids = new HashSet<>();
    String path = "/v1/traces?limit=200";
    while (true) {
      HttpResponse<String> page = d.query().get(path, d.apiKey());
      assertThat(page.statusCode()).as("GET " + path + ": " + page.body()).isEqualTo(200);
      // a list item's first trace_id is its own (spans are not part of list items)
      Matcher m = TRACE_ID.matcher(page.body());
      while (m.find()) {
        ids.add(m.group(1));
      }
      Matcher next = NEXT.matcher(page.body());
      if (!next.find()) {
        return ids;
      }
      path =
          "/v1/traces?limit=200&cursor=" + URLEncoder.encode(next.group(1), StandardCharsets.UTF_8);
    }
  }

  private void assertReadyReportsTheBroker(AppProcess app) throws Exception {
    HttpResponse<String> ready = app.get("/ready");
    log(app.name() + " /ready " + ready.statusCode() + " " + ready.body());
    assertThat(ready.statusCode()).as(app.name() + " /ready: " + ready.body()).isEqualTo(200);
    assertThat(ready.body()).as(app.name() + " /ready").contains("\"" + brokerComponent() + "\"");
  }
}
