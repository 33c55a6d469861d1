package io.ovpo.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.ports.model.DeletedCounts;
import io.ovpo.ports.model.DeletionId;
import io.ovpo.ports.model.RetentionReport;
import io.ovpo.ports.model.RetentionRunId;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.RetentionRunLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link RetentionRunLog}: reports saved per tenant, every field kept, listed
 * newest first. Implement {@link #newStore()}; see {@link StoreContract} for the other hooks.
 */
public abstract class RetentionRunLogContract<L extends RetentionRunLog> extends StoreContract<L> {

  @Test
  void check_reportsUp() {
    assertThat(store.check().up()).isTrue();
  }

  @Test
  void save_thenRecent_roundTripsEveryField() {
    TenantId tenant = fx.tenant();
    RetentionReport full =
        new RetentionReport(
            RetentionRunId.of(fx.uuid()),
            tenant,
            Fixtures.T0,
            Fixtures.T0.plusMillis(1234),
            new DeletedCounts(3, 40, 5000, 7, 2, 11),
            1,
            2,
            Optional.of(DeletionId.of(fx.uuid())));
    store.save(full);
    assertThat(store.recent(tenant, 10)).containsExactly(full);
  }

  @Test
  void recent_isNewestFirst_limited_andTenantScoped() {
    TenantId tenant = fx.tenant();
    RetentionReport oldest = report(tenant, Fixtures.T0.minus(Duration.ofDays(2)));
    RetentionReport newest = report(tenant, Fixtures.T0);
    RetentionReport middle = report(tenant, Fixtures.T0.minus(Duration.ofDays(1)));
    store.save(oldest);
    store.save(newest);
    store.save(middle);
    store.save(report(fx.tenant(), Fixtures.T0.plusSeconds(1)));
    assertThat(store.recent(tenant, 10)).containsExactly(newest, middle, oldest);
    assertThat(store.recent(tenant, 2)).containsExactly(newest, middle);
    assertThat(store.recent(fx.tenant(), 10)).isEmpty();
  }

  @Test
  void save_sameRunIdAgain_replacesTheReport() {
    TenantId tenant = fx.tenant();
    RetentionReport first = report(tenant, Fixtures.T0);
    RetentionReport again =
        new RetentionReport(
            first.runId(),
            tenant,
            first.startedAt(),
            first.finishedAt().plusSeconds(5),
            new DeletedCounts(1, 0, 0, 0, 0, 0),
            0,
            0,
            Optional.empty());
    store.save(first);
    store.save(again);
    assertThat(store.recent(tenant, 10)).containsExactly(again);
  }

  private RetentionReport report(TenantId tenant, Instant startedAt) {
    return new RetentionReport(
        RetentionRunId.of(fx.uuid()),
        tenant,
        startedAt,
        startedAt.plusSeconds(1),
        DeletedCounts.NONE,
        0,
        0,
        Optional.empty());
  }
}
