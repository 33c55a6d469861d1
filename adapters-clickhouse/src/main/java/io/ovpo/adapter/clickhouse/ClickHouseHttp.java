package io.ovpo.adapter.clickhouse;

import com.clickhouse.client.api.Client;
import com.clickhouse.client.api.command.CommandResponse;
import com.clickhouse.client.api.command.CommandSettings;
import com.clickhouse.client.api.insert.InsertResponse;
import com.clickhouse.client.api.insert.InsertSettings;
import com.clickhouse.client.api.query.QueryResponse;
import com.clickhouse.client.api.query.QuerySettings;
import com.clickhouse.data.ClickHouseFormat;
import io.ovpo.ports.error.StoreUnavailableException;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The adapter's only door to ClickHouse: statements, JSONEachRow reads and JSONEachRow inserts over
 * HTTP with the official client. Plain text formats only, so the same calls work from the Debian
 * package's 18.16 to current servers (no server-side parameters, no binary formats). Every failure
 * becomes a {@link StoreUnavailableException} for component {@code clickhouse}.
 */
final class ClickHouseHttp implements AutoCloseable {
  static final String COMPONENT = "clickhouse";

  /** IN lists of up to 10,000 ids exceed the 256 KiB default; this bounds what we ever send. */
  private static final String MAX_QUERY_SIZE = "16777216";

  private final Client client;
  private final String database;
  private final long timeoutMs;

  ClickHouseHttp(Client client, String database, long timeoutMs) {
    this.client = client;
    this.database = database;
    this.timeoutMs = timeoutMs;
  }

  /** The configured database, already quoted for SQL. */
  String db() {
    return Sql.identifier(database);
  }

  /** Runs a statement in the configured database. */
  void execute(String sql) {
    execute(sql, database);
  }

  /** Runs a statement with {@code contextDatabase} as the current one (for CREATE DATABASE). */
  void execute(String sql, String contextDatabase) {
    CommandSettings settings = new CommandSettings();
    settings.setDatabase(contextDatabase);
    try (CommandResponse r = await(client.execute(sql, settings))) {
      // nothing to read
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (Exception e) {
      throw unavailable(sql, e);
    }
  }

  /** The rows of a SELECT (without a FORMAT clause), read as JSONEachRow. */
  List<Row> query(String select) {
    QuerySettings settings = new QuerySettings().setDatabase(database);
    settings.serverSetting("max_query_size", MAX_QUERY_SIZE);
    settings.serverSetting("output_format_json_quote_64bit_integers", "0");
    try (QueryResponse r = await(client.query(select + " FORMAT JSONEachRow", settings));
        InputStream in = r.getInputStream()) {
      return Row.readAll(in);
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (Exception e) {
      throw unavailable(select, e);
    }
  }

  /** Inserts the first {@code length} bytes of {@code jsonEachRow} into {@code table}. */
  void insert(String table, byte[] jsonEachRow, int length) {
    // qualified, because 18.16 ignores the database the client sends alongside
    String qualified = db() + "." + Sql.identifier(table);
    try (InsertResponse r =
        await(
            client.insert(
                qualified,
                new ByteArrayInputStream(jsonEachRow, 0, length),
                ClickHouseFormat.JSONEachRow,
                new InsertSettings()))) {
      // the response has no body worth reading
    } catch (StoreUnavailableException e) {
      throw e;
    } catch (Exception e) {
      throw unavailable("INSERT INTO " + table, e);
    }
  }

  /** The server's version, or a failure. */
  String version() {
    return query("SELECT version() AS v").get(0).string("v");
  }

  @Override
  public void close() {
    client.close();
  }

  private <T> T await(Future<T> f) throws Exception {
    try {
      return f.get(timeoutMs, TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (TimeoutException e) {
      f.cancel(true);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw e;
    }
  }

  private static StoreUnavailableException unavailable(String sql, Exception e) {
    String what = sql.length() > 80 ? sql.substring(0, 80) + "..." : sql;
    return new StoreUnavailableException(
        COMPONENT, e.getClass().getSimpleName() + " on '" + what + "': " + e.getMessage(), e);
  }
}
