package io.ovpo.testkit;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What every port contract shares: a fresh store per test, fixtures seeded by the test's name, a
 * test clock, and the hooks an adapter's test implements.
 *
 * <ul>
 *   <li>{@link #newStore()} (abstract): the store under test, built for this one test. It may sit
 *       on a backend shared by many tests; tests use fresh tenants, so only global listings see
 *       other tests' data, and they filter to their own tenants.
 *   <li>{@link #clear(Object)}: wipes what earlier tests left, for backends that outlive a store
 *       (called after {@code newStore()}, before each test). Default: nothing.
 *   <li>{@link #closeStore(Object)}: releases the store after each test. Default: nothing.
 *   <li>{@link #usesBackendClock()}: true when the backend measures time itself (Redis TTLs, a
 *       broker's ack wait) instead of the injected {@link #clock}; {@link #elapse} then really
 *       sleeps, and the contracts keep such waits short (about a second).
 * </ul>
 *
 * @param <S> the port type under test
 */
public abstract class StoreContract<S> {
  /** Starts at the real current time so backend-kept time and test time agree. */
  protected final MutableClock clock = MutableClock.startingNow();

  /** Seeded by the test's name. */
  protected Fixtures fx;

  /** The store under test, fresh for each test. */
  protected S store;

  /** A store for one test. */
  protected abstract S newStore() throws Exception;

  /** Removes data that earlier tests left in a shared backend. */
  protected void clear(S store) throws Exception {}

  /** Releases the store after a test. */
  protected void closeStore(S store) throws Exception {}

  /** True when the backend keeps its own time, so letting time pass means sleeping. */
  protected boolean usesBackendClock() {
    return false;
  }

  @BeforeEach
  final void openStoreUnderContract(TestInfo info) throws Exception {
    fx =
        Fixtures.forTest(
            info.getTestClass().map(Class::getName).orElse("")
                + "#"
                + info.getTestMethod().map(m -> m.getName()).orElse(info.getDisplayName()));
    store = newStore();
    clear(store);
    if (usesBackendClock()) {
      // Setting up may take a while; the backend's clock kept running meanwhile.
      clock.set(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    }
  }

  @AfterEach
  final void closeStoreUnderContract() throws Exception {
    if (store != null) {
      closeStore(store);
    }
  }

  /** Lets {@code amount} of time pass as the store sees it. */
  protected final void elapse(Duration amount) {
    clock.advance(amount);
    if (usesBackendClock()) {
      try {
        Thread.sleep(amount.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while letting time pass", e);
      }
    }
  }
}
