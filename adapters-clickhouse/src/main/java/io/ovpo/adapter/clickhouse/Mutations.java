package io.ovpo.adapter.clickhouse;

import io.ovpo.ports.error.StoreUnavailableException;
import java.time.Duration;

/**
 * {@code ALTER TABLE ... DELETE} and the wait for it. Mutations run in the background and 18.16 has
 * no {@code mutations_sync}, so this polls {@code system.mutations} until the table has no
 * unfinished one: a caller that deleted must not read the rows again.
 */
final class Mutations {
  private final ClickHouseHttp ch;
  private final String database;
  private final Duration timeout;

  Mutations(ClickHouseHttp ch, String database, Duration timeout) {
    this.ch = ch;
    this.database = database;
    this.timeout = timeout;
  }

  /** Deletes the rows of {@code table} matching {@code where} (" WHERE ...") and waits. */
  void delete(String table, String where) {
    ch.execute("ALTER TABLE " + ch.db() + "." + Sql.identifier(table) + " DELETE" + where);
    String pending =
        "SELECT count() AS n FROM system.mutations WHERE database = "
            + Sql.literal(database)
            + " AND table = "
            + Sql.literal(table)
            + " AND is_done = 0";
    long deadline = System.nanoTime() + timeout.toNanos();
    long sleepMs = 5;
    while (ch.query(pending).get(0).lng("n") > 0) {
      if (System.nanoTime() > deadline) {
        throw new StoreUnavailableException(
            ClickHouseHttp.COMPONENT,
            "DELETE on " + table + " not finished after " + timeout.toSeconds() + " s",
            null);
      }
      try {
        Thread.sleep(sleepMs);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new StoreUnavailableException(ClickHouseHttp.COMPONENT, "interrupted", e);
      }
      sleepMs = Math.min(500, sleepMs * 2);
    }
  }
}
