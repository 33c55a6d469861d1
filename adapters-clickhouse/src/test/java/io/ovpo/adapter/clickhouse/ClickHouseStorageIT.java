package io.ovpo.adapter.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.adapter.inmemory.InMemoryAdapters;
import io.ovpo.ports.error.StoreUnavailableException;
import io.ovpo.ports.model.EventId;
import io.ovpo.ports.model.StoredFrameEvent;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.FrameAnalyticsStore;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.testkit.DeletionContract;
import io.ovpo.testkit.DeletionStores;
import io.ovpo.testkit.Fixtures;
import io.ovpo.testkit.FrameAnalyticsStoreContract;
import io.ovpo.testkit.FrameEventStoreContract;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The frame-event and frame-analytics contracts against a real ClickHouse (see {@link
 * ClickHouseExtension}), plus what only this adapter has: migrations, the collapse of rows that
 * merges have not seen yet, and a server that is down.
 */
@ExtendWith(ClickHouseExtension.class)
class ClickHouseStorageIT {
  private static String database;
  private static ClickHouseStorage storage;

  @BeforeAll
  static void open() {
    database = ClickHouseExtension.uniqueDatabase();
    storage =
        ClickHouseStorage.builder()
            .url(ClickHouseExtension.url())
            .database(database)
            .linger(Duration.ofMillis(2))
            .build();
    assertThat(storage.migrate()).isEqualTo(Schema.MIGRATIONS.size());
  }

  @AfterAll
  static void drop() {
    storage.close();
    ClickHouseExtension.execute("DROP DATABASE IF EXISTS " + database);
  }

  @Nested
  class FrameEvents extends FrameEventStoreContract<FrameEventStore> {
    @Override
    protected FrameEventStore newStore() {
      return storage.frameEvents();
    }
  }

  @Nested
  class FrameAnalytics extends FrameAnalyticsStoreContract<FrameAnalyticsStore> {
    @Override
    protected FrameAnalyticsStore newStore() {
      return storage.frameAnalytics();
    }

    @Override
    protected FrameEventStore eventStore() {
      return storage.frameEvents();
    }
  }

  /** ClickHouse's frame events beside in-memory metadata stores, as core's deletions drive them. */
  @Nested
  class Deletion extends DeletionContract {
    @Override
    protected DeletionStores newStore() {
      InMemoryAdapters metadata = InMemoryAdapters.builder().build();
      return new DeletionStores(
          metadata.traceStore(),
          metadata.spanStore(),
          storage.frameEvents(),
          metadata.artifactStore(),
          metadata.tombstoneStore());
    }
  }

  @Test
  void migrate_twice_runsNothingTheSecondTime() {
    assertThat(storage.migrate()).isZero();
    assertThat(storage.check().up()).isTrue();
    assertThat(storage.check().detail()).startsWith("ok, version ");
  }

  @Test
  void rowsNotYetMerged_areReadOnce() {
    Fixtures fx = new Fixtures(42);
    TenantId tenant = fx.tenant();
    TraceId trace = fx.traceId();
    StoredFrameEvent event = fx.event(trace).frame(5).gpu(1024.5, 50).stored();
    assertThat(storage.frameEvents().append(tenant, List.of(event)))
        .containsExactly(event.event().eventId());
    // A second process that raced past the existence check writes the same row again.
    byte[] again = EventRows.write(tenant, event, 1);
    ClickHouseExtension.execute(
        "INSERT INTO " + database + ".frame_events FORMAT JSONEachRow\n" + new String(again));
    assertThat(
            ClickHouseExtension.execute(
                    "SELECT count() FROM "
                        + database
                        + ".frame_events WHERE trace_id = '"
                        + trace.value()
                        + "'")
                .strip())
        .isEqualTo("2");
    assertThat(storage.frameEvents().byTrace(tenant, trace, Optional.empty(), 10))
        .containsExactly(event);
    assertThat(storage.frameEvents().stats(tenant, trace).eventCount()).isEqualTo(1);
    assertThat(storage.frameAnalytics().timeline(tenant, trace, 10).get(0).eventCount())
        .isEqualTo(1);
  }

  @Test
  void appendsFromManyThreads_eachLearnTheirOwnNewIds() throws Exception {
    Fixtures fx = new Fixtures(7);
    TenantId tenant = fx.tenant();
    List<Thread> threads = new ArrayList<>();
    List<Set<EventId>> results = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 8; t++) {
      TraceId trace = fx.traceId();
      List<StoredFrameEvent> events = new ArrayList<>();
      for (int i = 0; i < 50; i++) {
        events.add(fx.event(trace).frame(i).stored());
      }
      threads.add(new Thread(() -> results.add(storage.frameEvents().append(tenant, events))));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join();
    }
    assertThat(results).hasSize(8).allSatisfy(ids -> assertThat(ids).hasSize(50));
  }

  @Test
  void sameEventsFromManyThreadsAtOnce_areWrittenAsOneRowEach() throws Exception {
    // The writer checks a batch while the one before it is still being inserted; the ids in
    // flight must count as stored, or a redelivery racing the first write is written twice (and
    // the rollup, fed on insert, counts it twice). One request a batch, so nearly every batch is
    // checked while another is in flight; several rounds, since it is a race.
    Fixtures fx = new Fixtures(11);
    TenantId tenant = fx.tenant();
    try (ClickHouseStorage oneByOne =
        ClickHouseStorage.builder()
            .url(ClickHouseExtension.url())
            .database(database)
            .batchRows(1)
            .linger(Duration.ZERO)
            .build()) {
      for (int round = 0; round < 4; round++) {
        TraceId trace = fx.traceId();
        List<StoredFrameEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
          events.add(fx.event(trace).frame(i).stored());
        }
        List<Set<EventId>> results = java.util.Collections.synchronizedList(new ArrayList<>());
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 6; t++) {
          List<StoredFrameEvent> mine = new ArrayList<>(events);
          java.util.Collections.rotate(mine, t * 67);
          for (int from = 0; from < mine.size(); from += 50) {
            List<StoredFrameEvent> chunk = mine.subList(from, from + 50);
            threads.add(
                new Thread(() -> results.add(oneByOne.frameEvents().append(tenant, chunk))));
          }
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
          t.join();
        }
        List<EventId> reported = results.stream().flatMap(Set::stream).toList();
        assertThat(reported).hasSize(400).doesNotHaveDuplicates();
        String where = " WHERE trace_id = '" + trace.value() + "'";
        assertThat(execute("SELECT count() FROM " + database + ".frame_events" + where))
            .isEqualTo("400");
        assertThat(
                execute("SELECT sum(events) FROM " + database + ".frame_activity_hourly" + where))
            .isEqualTo("400");
      }
    }
  }

  private static String execute(String sql) {
    return ClickHouseExtension.execute(sql).strip();
  }

  @Test
  void serverDown_checkIsDown_andCallsThrowStoreUnavailable() {
    try (ClickHouseStorage down =
        ClickHouseStorage.builder()
            .url("http://127.0.0.1:1")
            .database(database)
            .timeout(Duration.ofSeconds(3))
            .build()) {
      assertThat(down.check().up()).isFalse();
      Fixtures fx = new Fixtures(1);
      TenantId tenant = fx.tenant();
      TraceId trace = fx.traceId();
      assertThatThrownBy(() -> down.frameEvents().byTrace(tenant, trace, Optional.empty(), 10))
          .isInstanceOf(StoreUnavailableException.class);
      assertThatThrownBy(() -> down.frameEvents().append(tenant, List.of(fx.event(trace).stored())))
          .isInstanceOf(StoreUnavailableException.class);
    }
  }
}
