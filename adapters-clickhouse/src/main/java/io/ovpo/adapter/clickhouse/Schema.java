package io.ovpo.adapter.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Versioned schema files under {@code io/ovpo/adapter/clickhouse/schema/}, applied in order and
 * recorded in {@code ovpo_schema_migrations}. Every statement is {@code IF NOT EXISTS}, so two
 * processes migrating at once both succeed.
 */
final class Schema {
  static final List<String> MIGRATIONS =
      List.of("V1__frame_events.sql", "V2__frame_activity_hourly.sql");

  private Schema() {}

  /** Creates the database and applies the migrations it lacks; returns how many ran. */
  static int migrate(ClickHouseHttp ch) {
    ch.execute("CREATE DATABASE IF NOT EXISTS " + ch.db(), "system");
    ch.execute(
        "CREATE TABLE IF NOT EXISTS "
            + ch.db()
            + ".ovpo_schema_migrations (version UInt32, description String, applied_at DateTime)"
            + " ENGINE = TinyLog");
    Set<Long> applied = new HashSet<>();
    ch.query("SELECT version FROM " + ch.db() + ".ovpo_schema_migrations")
        .forEach(r -> applied.add(r.lng("version")));
    int ran = 0;
    for (String file : MIGRATIONS) {
      long version = Long.parseLong(file.substring(1, file.indexOf("__")));
      if (applied.contains(version)) {
        continue;
      }
      for (String statement : statements(file, ch.db())) {
        ch.execute(statement);
      }
      ch.execute(
          "INSERT INTO "
              + ch.db()
              + ".ovpo_schema_migrations (version, description, applied_at) VALUES ("
              + version
              + ", "
              + Sql.literal(file)
              + ", now())");
      ran++;
    }
    return ran;
  }

  /** The statements of one file: comment lines dropped, split at semicolons ending a line. */
  static List<String> statements(String file, String quotedDb) {
    String text;
    try (InputStream in = Schema.class.getResourceAsStream("schema/" + file)) {
      if (in == null) {
        throw new IllegalStateException("missing schema file " + file);
      }
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n")) {
      if (!line.strip().startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String s : sql.toString().split(";\\s*\n")) {
      if (!s.isBlank()) {
        out.add(s.strip().replace("${db}", quotedDb));
      }
    }
    return out;
  }
}
