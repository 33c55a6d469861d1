package io.ovpo.adapter.postgres;

import io.ovpo.ports.error.StoreUnavailableException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Maps driver failures onto the ports' contract: whatever may pass (connection lost, pool
 * exhausted, serialization failure, a missing privilege or table an operator can fix) becomes
 * {@link StoreUnavailableException}; bad data (SQLSTATE classes 22 and 23) is a bug or a value the
 * model should have refused, and becomes {@link IllegalStateException} so it is not retried
 * forever.
 */
final class SqlErrors {
  static final String BACKEND = "postgres";

  private SqlErrors() {}

  static RuntimeException translate(Exception e) {
    SQLException sql = sqlCause(e);
    String state = sql == null ? null : sql.getSQLState();
    if (state != null
        && (state.startsWith("22") || state.startsWith("23"))
        && !(sql instanceof SQLTransientException || sql instanceof SQLRecoverableException)) {
      return new IllegalStateException(
          BACKEND + ": refused data (SQLSTATE " + state + "): " + sql.getMessage(), e);
    }
    String message =
        sql == null
            ? String.valueOf(e.getMessage())
            : sql.getMessage() + (state == null ? "" : " (SQLSTATE " + state + ")");
    return new StoreUnavailableException(BACKEND, message, e);
  }

  private static SQLException sqlCause(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException s) {
        return s;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return null;
  }
}
