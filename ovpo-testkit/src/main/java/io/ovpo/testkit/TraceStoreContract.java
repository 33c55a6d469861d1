package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.EventType;
import io.ovpo.ports.model.FrameEventStats;
import io.ovpo.ports.model.Page;
import io.ovpo.ports.model.PageKey;
import io.ovpo.ports.model.Tags;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TimeBucket;
import io.ovpo.ports.model.TimeRange;
import io.ovpo.ports.model.TimeseriesMetric;
import io.ovpo.ports.model.Trace;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.model.TraceQuery;
import io.ovpo.ports.model.TraceRecord;
import io.ovpo.ports.model.TraceStatus;
import io.ovpo.ports.out.TraceStore;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link TraceStore}: tenant isolation, optimistic concurrency, keyset listing in
 * (created_at DESC, trace_id DESC) order with filters, dashboard series, and the lookups of
 * retention and GDPR deletion. Implement {@link #newStore()}; see {@link StoreContract} for the
 * other hooks.
 *
 * <p>Time series: a bucket appears when at least one matching trace was created in it; {@code
 * count} is the number of such traces whatever the metric; FAILURE_RATE and P95_LATENCY are 0 when
 * no trace of the bucket is terminal, respectively has both started_at and ended_at.
 */
public abstract class TraceStoreContract<T extends TraceStore> extends StoreContract<T> {
  /** The list order: created_at DESC, then trace_id DESC. */
  /** Retention's walk order: first_received_at, then trace id, both ascending. */
  protected static final Comparator<TraceRecord> RECEIVED_ORDER =
      Comparator.comparing(TraceRecord::firstReceivedAt).thenComparing(r -> r.traceId().value());

  protected static final Comparator<TraceRecord> LIST_ORDER =
      Comparator.comparing((TraceRecord r) -> r.trace().createdAt())
          .thenComparing(r -> r.traceId().value())
          .reversed();

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void get_unknownTrace_isEmpty() {
    assertThat(store.get(fx.tenant(), fx.traceId())).isEmpty();
  }

  @Test
  void put_insertThenGet_roundTripsEveryField() {
    TenantId tenant = fx.tenant();
    List<TraceRecord> records =
        List.of(
            fx.record(tenant, fx.trace().full().status(TraceStatus.FAILED).build()).build(),
            fx.record(tenant, fx.trace().full().status(TraceStatus.COMPLETED).build())
                .partial()
                .cost(12.5)
                .build(),
            fx.record(tenant, fx.trace().configRef().status(TraceStatus.PENDING).build()).build(),
            fx.record(tenant, fx.trace().full().legalHold(true).build()).build());
    records.forEach(this::insert);
    for (TraceRecord r : records) {
      assertThat(store.get(tenant, r.traceId())).contains(r);
    }
  }

  @Test
  void get_otherTenantsTrace_isInvisible() {
    TraceRecord r = insert(fx.record(fx.tenant()).build());
    assertThat(store.get(fx.tenant(), r.traceId())).isEmpty();
  }

  @Test
  void put_sameTraceIdInTwoTenants_areIndependent() {
    Trace trace = fx.trace().build();
    TraceRecord a = insert(fx.record(fx.tenant(), trace).build());
    TraceRecord b = insert(fx.record(fx.tenant(), trace.withLegalHold(true)).build());
    assertThat(store.get(a.tenantId(), trace.traceId())).contains(a);
    assertThat(store.get(b.tenantId(), trace.traceId())).contains(b);
  }

  @Test
  void put_insertWhenAlreadyStored_isRefusedAndChangesNothing() {
    TenantId tenant = fx.tenant();
    Trace trace = fx.trace().build();
    TraceRecord first = insert(fx.record(tenant, trace).build());
    TraceRecord other = fx.record(tenant, trace.withLegalHold(true)).build();
    assertThat(store.put(other, 0)).isFalse();
    assertThat(store.get(tenant, trace.traceId())).contains(first);
  }

  @Test
  void put_updateWithCurrentVersion_replacesRecord() {
    TenantId tenant = fx.tenant();
    Trace trace = fx.trace().build();
    insert(fx.record(tenant, trace).build());
    TraceRecord v2 =
        fx.record(tenant, trace.withStatus(TraceStatus.CANCELLED, Optional.empty()))
            .version(2)
            .build();
    assertThat(store.put(v2, 1)).isTrue();
    assertThat(store.get(tenant, trace.traceId())).contains(v2);
  }

  @Test
  void put_updateWithStaleVersion_isRefusedAndChangesNothing() {
    TenantId tenant = fx.tenant();
    Trace trace = fx.trace().build();
    insert(fx.record(tenant, trace).build());
    TraceRecord v2 = fx.record(tenant, trace.withLegalHold(true)).version(2).build();
    assertThat(store.put(v2, 1)).isTrue();
    TraceRecord staleV2 =
        fx.record(tenant, trace.withStatus(TraceStatus.CANCELLED, Optional.empty()))
            .version(2)
            .build();
    assertThat(store.put(staleV2, 1)).isFalse();
    TraceRecord aheadV4 = fx.record(tenant, trace).version(4).build();
    assertThat(store.put(aheadV4, 3)).isFalse();
    assertThat(store.get(tenant, trace.traceId())).contains(v2);
  }

  @Test
  void put_updateOfMissingTrace_isRefused() {
    TenantId tenant = fx.tenant();
    TraceRecord v2 = fx.record(tenant).version(2).build();
    assertThat(store.put(v2, 1)).isFalse();
    assertThat(store.get(tenant, v2.traceId())).isEmpty();
  }

  @Test
  void put_concurrentInserts_exactlyOneWins() {
    TenantId tenant = fx.tenant();
    Trace trace = fx.trace().build();
    List<TraceRecord> candidates =
        IntStream.range(0, 8)
            .mapToObj(i -> fx.record(tenant, trace).updatedAt(Fixtures.T0.plusMillis(i)).build())
            .toList();
    List<Boolean> won = Concurrently.run(8, i -> store.put(candidates.get(i), 0));
    assertThat(won).containsOnlyOnce(true);
    assertThat(store.get(tenant, trace.traceId())).contains(candidates.get(won.indexOf(true)));
  }

  @Test
  void put_concurrentUpdatesOfOneVersion_exactlyOneWins() {
    TenantId tenant = fx.tenant();
    Trace trace = fx.trace().build();
    insert(fx.record(tenant, trace).build());
    List<TraceRecord> candidates =
        IntStream.range(0, 8)
            .mapToObj(
                i ->
                    fx.record(tenant, trace)
                        .updatedAt(Fixtures.T0.plusSeconds(60 + i))
                        .version(2)
                        .build())
            .toList();
    List<Boolean> won = Concurrently.run(8, i -> store.put(candidates.get(i), 1));
    assertThat(won).containsOnlyOnce(true);
    assertThat(store.get(tenant, trace.traceId())).contains(candidates.get(won.indexOf(true)));
  }

  @Test
  void put_concurrentRetryLoops_loseNoUpdate() {
    TenantId tenant = fx.tenant();
    Trace trace = fx.trace().build();
    insert(fx.record(tenant, trace).build());
    int threads = 4;
    int updatesEach = 25;
    Concurrently.runAll(
        threads,
        i -> {
          for (int n = 0; n < updatesEach; n++) {
            while (true) {
              TraceRecord current = store.get(tenant, trace.traceId()).orElseThrow();
              long count = Long.parseLong(current.trace().tags().values().getOrDefault("n", "0"));
              Trace next =
                  fx.trace().id(trace.traceId()).tag("n", Long.toString(count + 1)).build();
              TraceRecord updated = fx.record(tenant, next).version(current.version() + 1).build();
              if (store.put(updated, current.version())) {
                break;
              }
            }
          }
        });
    TraceRecord last = store.get(tenant, trace.traceId()).orElseThrow();
    assertThat(last.version()).isEqualTo(1 + threads * updatesEach);
    assertThat(last.trace().tags().values()).containsEntry("n", "" + threads * updatesEach);
  }

  @Test
  void list_ordersByCreatedAtDesc_thenTraceIdDesc() {
    TenantId tenant = fx.tenant();
    List<TraceRecord> all = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      all.add(insert(recordCreatedAt(tenant, Fixtures.T0.plusSeconds(60L * (i % 5)))));
    }
    Page<TraceRecord> page = store.list(query(tenant).limit(200).build());
    assertThat(page.items()).containsExactlyElementsOf(sorted(all));
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void list_otherTenantsTraces_areInvisible() {
    TenantId tenant = fx.tenant();
    TraceRecord mine = insert(fx.record(tenant).build());
    insert(fx.record(fx.tenant()).build());
    insert(fx.record(fx.tenant(), fx.trace().id(fx.traceId()).build()).build());
    assertThat(store.list(query(tenant).build()).items()).containsExactly(mine);
  }

  @Test
  void list_emptyTenant_isEmptyPageWithoutMore() {
    insert(fx.record(fx.tenant()).build());
    Page<TraceRecord> page = store.list(query(fx.tenant()).build());
    assertThat(page.items()).isEmpty();
    assertThat(page.hasMore()).isFalse();
  }

  @Test
  void list_pageWalk_visitsEveryTraceExactlyOnce() {
    TenantId tenant = fx.tenant();
    List<TraceRecord> all = new ArrayList<>();
    for (int i = 0; i < 53; i++) {
      all.add(insert(recordCreatedAt(tenant, Fixtures.T0.plusSeconds(i % 9))));
    }
    assertThat(walk(query(tenant).limit(7).build())).containsExactlyElementsOf(sorted(all));
  }

  @Test
  void list_exactlyFullLastPage_hasNoMore() {
    TenantId tenant = fx.tenant();
    List<TraceRecord> all = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      all.add(insert(recordCreatedAt(tenant, Fixtures.T0.plusSeconds(i))));
    }
    Page<TraceRecord> first = store.list(query(tenant).limit(5).build());
    assertThat(first.hasMore()).isTrue();
    Page<TraceRecord> second = store.list(query(tenant).limit(5).after(key(first)).build());
    assertThat(second.items()).hasSize(5);
    assertThat(second.hasMore()).isFalse();
    Page<TraceRecord> beyond = store.list(query(tenant).limit(5).after(key(second)).build());
    assertThat(beyond.items()).isEmpty();
    assertThat(beyond.hasMore()).isFalse();
  }

  @Test
  void list_pageWalk_withInsertsDuringWalk_hasNoGapsOrDuplicates() {
    TenantId tenant = fx.tenant();
    List<TraceRecord> original = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      original.add(insert(recordCreatedAt(tenant, Fixtures.T0.plusSeconds(60L * (i % 8)))));
    }
    List<TraceRecord> mustBeSeen = new ArrayList<>(original);
    Set<TraceId> mustNotBeSeen = new HashSet<>();
    List<TraceRecord> seen = new ArrayList<>();
    TraceQuery q = query(tenant).limit(6).build();
    Page<TraceRecord> page = store.list(q);
    for (int guard = 0; guard < 100; guard++) {
      seen.addAll(page.items());
      if (!page.hasMore()) {
        break;
      }
      TraceRecord last = page.last().orElseThrow();
      Instant at = last.trace().createdAt();
      // Ahead of the cursor: never visited. Behind it (ties broken by id): visited.
      mustNotBeSeen.add(insert(recordCreatedAt(tenant, at.plusSeconds(3600))).traceId());
      mustNotBeSeen.add(insert(tieWithId(tenant, at, last.traceId(), true)).traceId());
      mustBeSeen.add(insert(tieWithId(tenant, at, last.traceId(), false)));
      mustBeSeen.add(insert(recordCreatedAt(tenant, at.minusSeconds(3600))));
      page =
          store.list(new TraceQuery(tenant, Set.of(), TimeRange.all(), Tags.empty(), 6, key(page)));
    }
    assertThat(seen).isSortedAccordingTo(LIST_ORDER).doesNotHaveDuplicates();
    assertThat(seen).containsAll(mustBeSeen);
    assertThat(seen).extracting(TraceRecord::traceId).doesNotContainAnyElementsOf(mustNotBeSeen);
  }

  @Test
  void list_statusFilter_usesEffectiveStatus() {
    TenantId tenant = fx.tenant();
    TraceRecord partial =
        insert(
            fx.record(tenant, fx.trace().status(TraceStatus.COMPLETED).build()).partial().build());
    TraceRecord completed =
        insert(fx.record(tenant, fx.trace().status(TraceStatus.COMPLETED).build()).build());
    assertThat(items(query(tenant).statuses(TraceStatus.PARTIAL))).containsExactly(partial);
    assertThat(items(query(tenant).statuses(TraceStatus.COMPLETED))).containsExactly(completed);
  }

  @Test
  void list_statusSet_matchesAnyOfItsStatuses() {
    TenantId tenant = fx.tenant();
    List<TraceRecord> all = new ArrayList<>();
    for (TraceStatus s : TraceStatus.values()) {
      all.add(insert(fx.record(tenant, fx.trace().status(s).build()).build()));
    }
    List<TraceRecord> expected =
        all.stream()
            .filter(r -> r.status() == TraceStatus.FAILED || r.status() == TraceStatus.PENDING)
            .sorted(LIST_ORDER)
            .toList();
    assertThat(items(query(tenant).statuses(TraceStatus.FAILED, TraceStatus.PENDING)))
        .containsExactlyElementsOf(expected);
    assertThat(items(query(tenant))).hasSize(TraceStatus.values().length);
  }

  @Test
  void list_createdAtRange_isHalfOpen() {
    TenantId tenant = fx.tenant();
    Instant from = Fixtures.T0;
    Instant to = Fixtures.T0.plusSeconds(3600);
    insert(recordCreatedAt(tenant, from.minusMillis(1)));
    TraceRecord atFrom = insert(recordCreatedAt(tenant, from));
    TraceRecord inside = insert(recordCreatedAt(tenant, to.minusMillis(1)));
    insert(recordCreatedAt(tenant, to));
    assertThat(items(query(tenant).range(TimeRange.of(from, to)))).containsExactly(inside, atFrom);
    assertThat(items(query(tenant).range(new TimeRange(Optional.of(to), Optional.empty()))))
        .hasSize(1);
    assertThat(items(query(tenant).range(new TimeRange(Optional.empty(), Optional.of(from)))))
        .hasSize(1);
  }

  @Test
  void list_tagFilter_requiresEveryPair() {
    TenantId tenant = fx.tenant();
    TraceRecord both =
        insert(fx.record(tenant, fx.trace().tag("team", "a").tag("env", "prod").build()).build());
    insert(fx.record(tenant, fx.trace().tag("team", "a").tag("env", "dev").build()).build());
    insert(fx.record(tenant, fx.trace().tag("team", "a").build()).build());
    insert(fx.record(tenant, fx.trace().tag("team", "b").tag("env", "prod").build()).build());
    assertThat(items(query(tenant).tags(Map.of("team", "a", "env", "prod")))).containsExactly(both);
    assertThat(items(query(tenant).tags(Map.of("team", "a")))).hasSize(3);
    assertThat(items(query(tenant).tags(Map.of("team", "")))).isEmpty();
  }

  @Test
  void list_updatedTrace_appearsOnceWithItsLatestState() {
    TenantId tenant = fx.tenant();
    Trace trace = fx.trace().build();
    insert(fx.record(tenant, trace).build());
    Trace moved = fx.trace().id(trace.traceId()).createdAt(Fixtures.T0.plusSeconds(5)).build();
    TraceRecord v2 = fx.record(tenant, moved).version(2).build();
    assertThat(store.put(v2, 1)).isTrue();
    assertThat(items(query(tenant))).containsExactly(v2);
    assertThat(items(query(tenant).range(TimeRange.of(Fixtures.T0, Fixtures.T0.plusSeconds(1)))))
        .isEmpty();
  }

  @Test
  void list_randomQueries_matchNaiveReference() {
    TenantId tenant = fx.tenant();
    List<TraceRecord> all = new ArrayList<>();
    String[] teams = {"a", "b"};
    String[] envs = {"prod", "dev"};
    TraceStatus[] reported = {
      TraceStatus.PENDING, TraceStatus.RUNNING, TraceStatus.COMPLETED,
      TraceStatus.FAILED, TraceStatus.CANCELLED, TraceStatus.PARTIAL
    };
    for (int i = 0; i < 150; i++) {
      TraceBuilder b =
          fx.trace()
              .createdAt(Fixtures.T0.plusSeconds(600L * fx.random().nextInt(40)))
              .status(reported[fx.random().nextInt(reported.length)]);
      if (fx.random().nextBoolean()) {
        b.tag("team", teams[fx.random().nextInt(2)]);
      }
      if (fx.random().nextBoolean()) {
        b.tag("env", envs[fx.random().nextInt(2)]);
      }
      Trace trace = b.build();
      TraceRecordBuilder rb = fx.record(tenant, trace);
      if (trace.status() == TraceStatus.COMPLETED && fx.random().nextBoolean()) {
        rb.partial();
      }
      all.add(insert(rb.build()));
    }
    insert(fx.record(fx.tenant()).build());
    for (int n = 0; n < 30; n++) {
      TraceQuery q = randomQuery(tenant, reported, teams, envs);
      List<TraceRecord> expected = all.stream().filter(q::matches).sorted(LIST_ORDER).toList();
      assertThat(walk(q)).as("query %s", q).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void timeseries_throughput_countsTracesPerHourBucketAscending() {
    TenantId tenant = fx.tenant();
    Instant h = Fixtures.T0;
    for (Instant t :
        List.of(
            h.plusSeconds(300),
            h.plusSeconds(3599).plusMillis(999),
            h.plusSeconds(3600),
            h.plusSeconds(5400),
            h.plusSeconds(3 * 3600 + 600))) {
      insert(recordCreatedAt(tenant, t));
    }
    assertThat(series(tenant, TimeseriesMetric.THROUGHPUT, BucketWidth.HOUR, Tags.empty()))
        .containsExactly(
            new TimeBucket(h, 2, 2),
            new TimeBucket(h.plusSeconds(3600), 2, 2),
            new TimeBucket(h.plusSeconds(3 * 3600), 1, 1));
  }

  @Test
  void timeseries_dayBuckets_startAtUtcMidnight() {
    TenantId tenant = fx.tenant();
    Instant midnight = Instant.parse("2026-03-03T00:00:00Z");
    insert(recordCreatedAt(tenant, midnight.minusMillis(1)));
    insert(recordCreatedAt(tenant, midnight));
    insert(recordCreatedAt(tenant, midnight.plusSeconds(86_399)));
    List<TimeBucket> series =
        store.timeseries(
            tenant,
            TimeseriesMetric.THROUGHPUT,
            BucketWidth.DAY,
            TimeRange.of(midnight.minus(Duration.ofDays(7)), midnight.plus(Duration.ofDays(7))),
            Tags.empty());
    assertThat(series)
        .containsExactly(
            new TimeBucket(midnight.minus(Duration.ofDays(1)), 1, 1),
            new TimeBucket(midnight, 2, 2));
  }

  @Test
  void timeseries_failureRate_isFailedOverTerminalTraces() {
    TenantId tenant = fx.tenant();
    Instant h = Fixtures.T0;
    for (TraceStatus s :
        List.of(
            TraceStatus.FAILED,
            TraceStatus.FAILED,
            TraceStatus.COMPLETED,
            TraceStatus.CANCELLED,
            TraceStatus.RUNNING)) {
      insert(fx.record(tenant, fx.trace().createdAt(h.plusSeconds(60)).status(s).build()).build());
    }
    insert(
        fx.record(tenant, fx.trace().createdAt(h).status(TraceStatus.COMPLETED).build())
            .partial()
            .build());
    insert(fx.record(tenant, fx.trace().createdAt(h.plusSeconds(3600)).build()).build());
    assertThat(series(tenant, TimeseriesMetric.FAILURE_RATE, BucketWidth.HOUR, Tags.empty()))
        .containsExactly(new TimeBucket(h, 2.0 / 5, 6), new TimeBucket(h.plusSeconds(3600), 0, 1));
  }

  @Test
  void timeseries_p95Latency_isNearestRankOfEndedMinusStarted() {
    TenantId tenant = fx.tenant();
    Instant h = Fixtures.T0;
    List<Long> durations = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      long ms = 100L * (1 + fx.random().nextInt(200));
      durations.add(ms);
      Trace t =
          fx.trace()
              .createdAt(h.plusSeconds(i))
              .status(TraceStatus.COMPLETED)
              .ran(Duration.ofMillis(250), ms)
              .build();
      insert(fx.record(tenant, t).build());
    }
    insert(recordCreatedAt(tenant, h.plusSeconds(30)));
    insert(recordCreatedAt(tenant, h.plusSeconds(3600)));
    assertThat(series(tenant, TimeseriesMetric.P95_LATENCY, BucketWidth.HOUR, Tags.empty()))
        .containsExactly(
            new TimeBucket(h, NearestRank.percentile(durations, 0.95), 24),
            new TimeBucket(h.plusSeconds(3600), 0, 1));
  }

  @Test
  void timeseries_computeUnits_sumsCostsOfTheBucket() {
    TenantId tenant = fx.tenant();
    Trace done = fx.trace().status(TraceStatus.COMPLETED).build();
    insert(fx.record(tenant, done).cost(1.5).build());
    insert(fx.record(tenant, fx.trace().status(TraceStatus.COMPLETED).build()).cost(2.25).build());
    insert(fx.record(tenant).build());
    List<TimeBucket> series =
        series(tenant, TimeseriesMetric.COMPUTE_UNITS, BucketWidth.HOUR, Tags.empty());
    assertThat(series).hasSize(1);
    assertThat(series.get(0).start()).isEqualTo(Fixtures.T0);
    assertThat(series.get(0).value()).isCloseTo(3.75, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(series.get(0).count()).isEqualTo(3);
  }

  @Test
  void timeseries_respectsRangeTagsAndTenant() {
    TenantId tenant = fx.tenant();
    Instant h = Fixtures.T0;
    insert(fx.record(tenant, fx.trace().createdAt(h).tag("team", "a").build()).build());
    insert(fx.record(tenant, fx.trace().createdAt(h).tag("team", "b").build()).build());
    insert(
        fx.record(tenant, fx.trace().createdAt(h.minusMillis(1)).tag("team", "a").build()).build());
    insert(
        fx.record(tenant, fx.trace().createdAt(h.plusSeconds(7200)).tag("team", "a").build())
            .build());
    insert(fx.record(fx.tenant(), fx.trace().createdAt(h).tag("team", "a").build()).build());
    List<TimeBucket> series =
        store.timeseries(
            tenant,
            TimeseriesMetric.THROUGHPUT,
            BucketWidth.HOUR,
            TimeRange.of(h, h.plusSeconds(7200)),
            Tags.of(Map.of("team", "a")));
    assertThat(series).containsExactly(new TimeBucket(h, 1, 1));
  }

  @Test
  void timeseries_noTraces_isEmpty() {
    insert(fx.record(fx.tenant()).build());
    assertThat(series(fx.tenant(), TimeseriesMetric.THROUGHPUT, BucketWidth.DAY, Tags.empty()))
        .isEmpty();
  }

  @Test
  void findByUserIdHash_isAscendingByIdAfterTheCursorAndTenantScoped() {
    TenantId tenant = fx.tenant();
    String user = fx.hex64();
    List<TraceId> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      ids.add(insert(fx.record(tenant, fx.trace().userIdHash(user).build()).build()).traceId());
    }
    insert(fx.record(tenant, fx.trace().userIdHash(fx.hex64()).build()).build());
    insert(fx.record(tenant).build());
    insert(fx.record(fx.tenant(), fx.trace().userIdHash(user).build()).build());
    ids.sort(Comparator.naturalOrder());
    List<TraceId> first = store.findByUserIdHash(tenant, user, Optional.empty(), 3);
    assertThat(first).containsExactlyElementsOf(ids.subList(0, 3));
    List<TraceId> rest = store.findByUserIdHash(tenant, user, Optional.of(first.get(2)), 3);
    assertThat(rest).containsExactlyElementsOf(ids.subList(3, 5));
    assertThat(store.findByUserIdHash(tenant, user, Optional.of(ids.get(4)), 3)).isEmpty();
  }

  @Test
  void receivedBefore_isOldestReceivedFirst_strictlyBeforeTheCutoff_pagedByKey_heldIncluded() {
    TenantId tenant = fx.tenant();
    Instant cutoff = Fixtures.T0;
    List<TraceRecord> old = new ArrayList<>();
    old.add(insert(recordReceivedAt(tenant, cutoff.minus(Duration.ofDays(3)))));
    old.add(insert(recordReceivedAt(tenant, cutoff.minus(Duration.ofDays(2)))));
    old.add(insert(recordReceivedAt(tenant, cutoff.minus(Duration.ofDays(2)))));
    old.add(
        insert(
            fx.record(tenant, fx.trace().legalHold(true).build())
                .firstReceivedAt(cutoff.minusMillis(1))
                .build()));
    insert(recordReceivedAt(tenant, cutoff));
    insert(recordReceivedAt(tenant, cutoff.plus(Duration.ofDays(1))));
    insert(recordReceivedAt(fx.tenant(), cutoff.minus(Duration.ofDays(5))));
    // Received before the cutoff but created (client time) long after: server time decides.
    old.add(
        insert(
            fx.record(tenant, fx.trace().createdAt(cutoff.plus(Duration.ofDays(9))).build())
                .firstReceivedAt(cutoff.minus(Duration.ofDays(1)))
                .build()));
    List<TraceRecord> expected = new ArrayList<>(old);
    expected.sort(RECEIVED_ORDER);

    List<TraceRecord> first = store.receivedBefore(tenant, cutoff, Optional.empty(), 3);
    assertThat(first).containsExactlyElementsOf(expected.subList(0, 3));
    TraceRecord last = first.get(2);
    PageKey after = new PageKey(last.firstReceivedAt(), last.traceId());
    assertThat(store.receivedBefore(tenant, cutoff, Optional.of(after), 10))
        .containsExactlyElementsOf(expected.subList(3, 5));
  }

  @Test
  void framesKeptReceivedBefore_skipsTracesWhoseFrameEventsExpired() {
    TenantId tenant = fx.tenant();
    Instant received = Fixtures.T0.minus(Duration.ofDays(200));
    TraceRecord kept = insert(recordReceivedAt(tenant, received));
    TraceRecord expired =
        insert(
            fx.record(tenant)
                .firstReceivedAt(received)
                .framesExpired(FrameEventStats.empty())
                .build());
    assertThat(store.framesKeptReceivedBefore(tenant, Fixtures.T0, Optional.empty(), 10))
        .containsExactly(kept);
    assertThat(store.receivedBefore(tenant, Fixtures.T0, Optional.empty(), 10))
        .containsExactlyInAnyOrder(kept, expired);
  }

  @Test
  void put_framesExpired_roundTripsTheRetainedStats() {
    TenantId tenant = fx.tenant();
    TraceRecord r = insert(fx.record(tenant).build());
    FrameEventStats stats =
        new FrameEventStats(
            42,
            Map.of(EventType.FRAME_GENERATED, 40L, EventType.GPU_SAMPLE, 2L),
            OptionalDouble.of(20480.5),
            OptionalDouble.of(87.25),
            Optional.of(Fixtures.T0.minusSeconds(30)),
            Optional.of(Fixtures.T0),
            // kept so observed_fps stays known once the events are gone (spec 04 §9, 05 §4.2)
            Map.of(
                EventType.FRAME_GENERATED,
                new FrameEventStats.MediaTimeRange(0, 1_625),
                EventType.GPU_SAMPLE,
                new FrameEventStats.MediaTimeRange(0, 2_000)));
    TraceRecord expired = r.withFrameEventsExpired(stats, r.updatedAt().plusSeconds(1));
    assertThat(store.put(expired, r.version())).isTrue();
    TraceRecord read = store.get(tenant, r.traceId()).orElseThrow();
    assertThat(read).isEqualTo(expired);
    assertThat(read.frameEventsExpired()).isTrue();
    TraceRecord none =
        expired.withFrameEventsExpired(FrameEventStats.empty(), expired.updatedAt().plusSeconds(1));
    assertThat(store.put(none, expired.version())).isTrue();
    assertThat(store.get(tenant, r.traceId())).contains(none);
  }

  @Test
  void delete_removesGivenTracesOfTheTenantOnly_andCountsThem() {
    TenantId tenant = fx.tenant();
    TenantId other = fx.tenant();
    Trace shared = fx.trace().build();
    TraceRecord a = insert(fx.record(tenant, shared).build());
    TraceRecord b = insert(fx.record(tenant).build());
    TraceRecord kept = insert(fx.record(tenant).build());
    TraceRecord othersCopy = insert(fx.record(other, shared).build());
    int deleted = store.delete(tenant, List.of(a.traceId(), b.traceId(), fx.traceId()));
    assertThat(deleted).isEqualTo(2);
    assertThat(store.get(tenant, a.traceId())).isEmpty();
    assertThat(store.get(tenant, b.traceId())).isEmpty();
    assertThat(items(query(tenant))).containsExactly(kept);
    assertThat(store.get(other, shared.traceId())).contains(othersCopy);
    assertThat(store.delete(tenant, List.of(a.traceId()))).isZero();
  }

  @Test
  void delete_thenInsertAgain_startsAtVersionOne() {
    TenantId tenant = fx.tenant();
    TraceRecord r = insert(fx.record(tenant).build());
    store.delete(tenant, List.of(r.traceId()));
    assertThat(store.put(r, 0)).isTrue();
    assertThat(store.get(tenant, r.traceId())).contains(r);
  }

  // ---- helpers ----

  /** Inserts {@code r} with the expected version {@code r.version() - 1}, asserting success. */
  protected TraceRecord insert(TraceRecord r) {
    assertThat(store.put(r, r.version() - 1)).as("put %s", r.traceId()).isTrue();
    return r;
  }

  private TraceRecord recordReceivedAt(TenantId tenant, Instant receivedAt) {
    return fx.record(tenant).firstReceivedAt(receivedAt).build();
  }

  private TraceRecord recordCreatedAt(TenantId tenant, Instant createdAt) {
    return fx.record(tenant, fx.trace().createdAt(createdAt).build()).build();
  }

  /** A record tied with the cursor on created_at, its id above or below the cursor's. */
  private TraceRecord tieWithId(TenantId tenant, Instant at, TraceId cursor, boolean above) {
    TraceId id;
    do {
      id = fx.traceId();
    } while ((id.compareTo(cursor) > 0) != above);
    return fx.record(tenant, fx.trace().id(id).createdAt(at).build()).build();
  }

  private static List<TraceRecord> sorted(List<TraceRecord> records) {
    return records.stream().sorted(LIST_ORDER).toList();
  }

  private static Optional<PageKey> key(Page<TraceRecord> page) {
    return page.last().map(r -> new PageKey(r.trace().createdAt(), r.traceId()));
  }

  private List<TraceRecord> items(QueryBuilder q) {
    return store.list(q.build()).items();
  }

  private List<TimeBucket> series(
      TenantId tenant, TimeseriesMetric metric, BucketWidth width, Tags tags) {
    return store.timeseries(
        tenant,
        metric,
        width,
        TimeRange.of(Fixtures.T0.minus(Duration.ofDays(1)), Fixtures.T0.plus(Duration.ofDays(1))),
        tags);
  }

  /** Walks every page of {@code q}, checking page sizes and {@code hasMore} on the way. */
  protected List<TraceRecord> walk(TraceQuery q) {
    List<TraceRecord> out = new ArrayList<>();
    Optional<PageKey> after = q.after();
    for (int guard = 0; guard < 10_000; guard++) {
      Page<TraceRecord> page =
          store.list(
              new TraceQuery(
                  q.tenantId(), q.statuses(), q.createdAt(), q.tags(), q.limit(), after));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(q.limit());
      out.addAll(page.items());
      if (!page.hasMore()) {
        return out;
      }
      assertThat(page.items()).as("a page with more after it is full").hasSize(q.limit());
      after = key(page);
    }
    throw new AssertionError("page walk did not end");
  }

  private TraceQuery randomQuery(
      TenantId tenant, TraceStatus[] statuses, String[] teams, String[] envs) {
    QueryBuilder q = query(tenant).limit(1 + fx.random().nextInt(20));
    if (fx.random().nextInt(10) < 6) {
      Set<TraceStatus> set = EnumSet.noneOf(TraceStatus.class);
      for (int i = 0, n = 1 + fx.random().nextInt(3); i < n; i++) {
        set.add(statuses[fx.random().nextInt(statuses.length)]);
      }
      q.statuses(set.toArray(new TraceStatus[0]));
    }
    Optional<Instant> from =
        fx.random().nextBoolean()
            ? Optional.of(Fixtures.T0.plusSeconds(600L * fx.random().nextInt(20)))
            : Optional.empty();
    Optional<Instant> to =
        fx.random().nextBoolean()
            ? Optional.of(Fixtures.T0.plusSeconds(600L * (20 + fx.random().nextInt(21))))
            : Optional.empty();
    q.range(new TimeRange(from, to));
    if (fx.random().nextInt(3) == 0) {
      q.tags(Map.of("team", teams[fx.random().nextInt(2)]));
    } else if (fx.random().nextInt(4) == 0) {
      q.tags(Map.of("team", teams[fx.random().nextInt(2)], "env", envs[fx.random().nextInt(2)]));
    }
    return q.build();
  }

  /** A fresh, unfiltered query of {@code tenant} (limit 200), refined by the test. */
  protected static QueryBuilder query(TenantId tenant) {
    return new QueryBuilder(tenant);
  }

  /** Small builder for {@link TraceQuery}, for readable tests. */
  protected static final class QueryBuilder {
    private final TenantId tenant;
    private Set<TraceStatus> statuses = Set.of();
    private TimeRange range = TimeRange.all();
    private Tags tags = Tags.empty();
    private int limit = TraceQuery.MAX_LIMIT;
    private Optional<PageKey> after = Optional.empty();

    QueryBuilder(TenantId tenant) {
      this.tenant = tenant;
    }

    public QueryBuilder statuses(TraceStatus... s) {
      this.statuses = Set.of(s);
      return this;
    }

    public QueryBuilder range(TimeRange r) {
      this.range = r;
      return this;
    }

    public QueryBuilder tags(Map<String, String> t) {
      this.tags = Tags.of(t);
      return this;
    }

    public QueryBuilder limit(int n) {
      this.limit = n;
      return this;
    }

    public QueryBuilder after(Optional<PageKey> key) {
      this.after = key;
      return this;
    }

    public TraceQuery build() {
      return new TraceQuery(tenant, statuses, range, tags, limit, after);
    }
  }
}
