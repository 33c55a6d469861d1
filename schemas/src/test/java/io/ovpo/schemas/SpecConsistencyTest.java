package io.ovpo.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The machine-readable parts of the spec ({@code spec/v0.08/*.md}) agree with the JSON Schemas
 * ({@code schemas/v0.08/*.json}), with the values DESIGN.md and the decisions fix, and with
 * themselves.
 *
 * <p>The spec marks enums as a heading {@code ### Enum: <Name>} followed by a table whose first
 * column is the wire value in backticks, and limits as rows of the table in {@code 10-limits.md}
 * with a {@code key}, a numeric {@code value} and, where a schema encodes the limit, the JSON
 * pointer of that number in a {@code schema} column.
 */
class SpecConsistencyTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Pattern ENUM_HEADING =
      Pattern.compile("^#{1,6}\\s+Enum:\\s*([A-Za-z][A-Za-z0-9]*)\\s*$");
  private static final Pattern HEADING = Pattern.compile("^(#{1,6})\\s+(.*?)\\s*$");
  private static final Pattern BACKTICKED = Pattern.compile("^`([^`]+)`$");
  private static final Pattern REQUIREMENT_WORD =
      Pattern.compile("\\b(MUST|SHALL|SHOULD|REQUIRED|RECOMMENDED|MAY|OPTIONAL)\\b");
  private static final Pattern QUANTIFIER = Pattern.compile("\\{(\\d+)(?:,(\\d+))?\\}");

  /** Where each entity enum lives in the schemas: a property name, and the file (null: any). */
  private static final Map<String, String[]> SCHEMA_HOME =
      Map.of(
          "TraceStatus", new String[] {"status", "trace.json"},
          "SpanStatus", new String[] {"status", "span.json"},
          "SpanKind", new String[] {"span_kind", null},
          "EventType", new String[] {"event_type", null},
          "FailureCode", new String[] {"code", "trace.json"},
          "ArtifactKind", new String[] {"kind", null},
          "ItemType", new String[] {"item_type", null});

  // ---------------------------------------------------------------- chapters

  @Test
  void everyChapter_startsWithAStatusLine() {
    for (Path file : specFiles()) {
      List<String> head = lines(file).stream().limit(6).toList();
      assertThat(head)
          .as("%s must declare its status in its first lines", file.getFileName())
          .anyMatch(l -> l.startsWith("Status: "));
    }
  }

  @Test
  void informativeSections_useNoRequirementWords() {
    List<String> problems = new ArrayList<>();
    for (Path file : specFiles()) {
      int informativeLevel = 0; // > 0 while inside an informative section of that level
      boolean inFence = false;
      List<String> lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        String line = lines.get(i);
        if (line.startsWith("```")) {
          inFence = !inFence;
        }
        Matcher h = inFence ? null : HEADING.matcher(line);
        if (h != null && h.matches()) {
          int level = h.group(1).length();
          if (informativeLevel > 0 && level <= informativeLevel) {
            informativeLevel = 0;
          }
          if (h.group(2).endsWith("(informative)")) {
            informativeLevel = level;
          }
          continue;
        }
        Matcher word = REQUIREMENT_WORD.matcher(line);
        if (informativeLevel > 0 && word.find()) {
          problems.add(file.getFileName() + ":" + (i + 1) + " uses " + word.group(1));
        }
      }
    }
    assertThat(problems).as("requirement words in informative sections").isEmpty();
  }

  // ---------------------------------------------------------------- enums

  @Test
  void enumTables_areWellFormed_andCoverEveryWireEnum() {
    Map<String, SpecEnum> enums = specEnums();
    assertThat(enums.keySet())
        .contains(
            "TraceStatus",
            "SpanKind",
            "SpanStatus",
            "EventType",
            "FailureCode",
            "ArtifactKind",
            "ItemType",
            "Role",
            "Permission",
            "ErrorCode",
            "AuditAction");
    enums
        .values()
        .forEach(
            e ->
                assertThat(e.values())
                    .as("values of enum %s (%s)", e.name(), e.file())
                    .isNotEmpty()
                    .doesNotHaveDuplicates());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "TraceStatus",
        "SpanStatus",
        "SpanKind",
        "EventType",
        "FailureCode",
        "ArtifactKind",
        "ItemType"
      })
  void entityEnum_matchesTheJsonSchemas(String name) {
    SpecEnum spec = specEnum(name);
    String[] home = SCHEMA_HOME.get(name);
    Set<Set<String>> found = new LinkedHashSet<>();
    schemaPropertyEnums()
        .forEach(
            (where, values) -> {
              if (where.property().equals(home[0])
                  && (home[1] == null || where.file().equals(home[1]))) {
                found.add(values);
              }
            });
    if (found.isEmpty()) {
      fail(
          "enum %s: no schema property '%s'%s has an enum (spec values %s)",
          name, home[0], home[1] == null ? "" : " in " + home[1], spec.values());
    }
    if (found.size() > 1) {
      fail("enum %s: schema property '%s' has several different enums: %s", name, home[0], found);
    }
    Set<String> schema = found.iterator().next();
    assertSameValues(name, new LinkedHashSet<>(spec.values()), schema, "the schemas");
  }

  @Test
  void everyEnumOfTheSchemas_isAnEnumTableOfTheSpec() {
    Map<Set<String>, String> specByValues = new LinkedHashMap<>();
    specEnums().values().forEach(e -> specByValues.put(new TreeSet<>(e.values()), e.name()));
    List<String> undocumented = new ArrayList<>();
    for (Path file : schemaFiles()) {
      walk(
          read(file),
          "",
          (path, node) -> {
            JsonNode values = node.get("enum");
            if (values != null && values.isArray()) {
              Set<String> set = new TreeSet<>();
              values.forEach(v -> set.add(v.asText()));
              if (!specByValues.containsKey(set)) {
                undocumented.add(file.getFileName() + "#" + path + "/enum " + set);
              }
            }
          });
    }
    assertThat(undocumented)
        .as("schema enums without an identical '### Enum:' table in the spec")
        .isEmpty();
  }

  @Test
  void roles_andTheirPermissions_areThoseOfDesign() {
    SpecEnum roles = specEnum("Role");
    assertSameValues(
        "Role",
        set(roles.values()),
        set(List.of("viewer", "developer", "admin", "super_admin")),
        "DESIGN.md");
    Map<String, Set<String>> expected = new LinkedHashMap<>();
    expected.put("viewer", Set.of("trace:read", "metric:read"));
    expected.put("developer", Set.of("trace:read", "metric:read", "trace:write"));
    expected.put(
        "admin", Set.of("trace:read", "metric:read", "trace:write", "admin:delete", "admin:keys"));
    expected.put(
        "super_admin",
        Set.of(
            "trace:read",
            "metric:read",
            "trace:write",
            "admin:delete",
            "admin:keys",
            "admin:tenants"));
    int column = roles.column("Permissions");
    Set<String> inherited = new TreeSet<>();
    for (List<String> row : roles.rows()) {
      String role = unquote(row.get(0));
      String cell = row.get(column).trim();
      if (!cell.startsWith("+")) {
        inherited.clear();
      }
      Matcher m = Pattern.compile("`([^`]+)`").matcher(cell);
      while (m.find()) {
        inherited.add(m.group(1));
      }
      assertThat(inherited).as("permissions of role %s", role).isEqualTo(expected.get(role));
    }
    Set<String> allPermissions = new TreeSet<>(expected.get("super_admin"));
    assertSameValues(
        "Permission", set(specEnum("Permission").values()), allPermissions, "DESIGN.md");
  }

  @Test
  void errorCodes_andTheirStatuses_areThoseOfTheDecisions() {
    Map<String, Integer> expected = new TreeMap<>();
    for (String c :
        List.of(
            "SCHEMA_VIOLATION",
            "SEMANTIC_VIOLATION",
            "MALFORMED_JSON",
            "INVALID_BATCH",
            "MISSING_SCHEMA_VERSION",
            "UNSUPPORTED_SCHEMA_VERSION",
            "INVALID_IDEMPOTENCY_KEY",
            "INVALID_PARAMETER",
            "INVALID_CURSOR")) {
      expected.put(c, 400);
    }
    expected.put("UNAUTHENTICATED", 401);
    expected.put("FORBIDDEN", 403);
    expected.put("NOT_FOUND", 404);
    expected.put("METHOD_NOT_ALLOWED", 405);
    expected.put("CONFLICT", 409);
    expected.put("PAYLOAD_TOO_LARGE", 413);
    expected.put("UNSUPPORTED_MEDIA_TYPE", 415);
    expected.put("IDEMPOTENCY_KEY_REUSED", 422);
    expected.put("RATE_LIMITED", 429);
    expected.put("INTERNAL", 500);
    expected.put("QUEUE_UNAVAILABLE", 503);
    expected.put("UNAVAILABLE", 503);

    SpecEnum codes = specEnum("ErrorCode");
    int http = codes.column("HTTP");
    Map<String, Integer> actual = new TreeMap<>();
    for (List<String> row : codes.rows()) {
      actual.put(unquote(row.get(0)), Integer.parseInt(row.get(http).trim()));
    }
    assertSameValues("ErrorCode", actual.keySet(), expected.keySet(), "decisions.md");
    assertThat(actual).as("HTTP status of each ErrorCode").isEqualTo(expected);
  }

  @Test
  void auditActions_areThoseOfDesign() {
    assertSameValues(
        "AuditAction",
        set(specEnum("AuditAction").values()),
        set(
            List.of(
                "TRACE_ACCESS",
                "TRACE_QUERY",
                "ARTIFACT_DOWNLOAD",
                "TRACE_DELETE",
                "CONFIG_CHANGE",
                "API_KEY_CREATED",
                "API_KEY_REVOKED")),
        "DESIGN.md");
  }

  // ---------------------------------------------------------------- limits

  @Test
  void limitsTable_hasUniqueStableKeys_andKnownKinds() {
    List<Limit> limits = limitRows();
    assertThat(limits).isNotEmpty();
    assertThat(limits.stream().map(Limit::key)).doesNotHaveDuplicates();
    for (Limit l : limits) {
      assertThat(l.key()).as("limit key").matches("^[a-z][a-z0-9_]*$");
      assertThat(l.kind())
          .as("kind of %s", l.key())
          .isIn("max", "min", "exact", "default", "target");
      if (!l.schema().isEmpty()) {
        assertThat(l.kind()).as("kind of schema-backed %s", l.key()).isIn("max", "min", "exact");
      }
    }
  }

  @Test
  void limitsTheSchemasEncode_namePointersIntoTheSchemas() {
    Map<String, Limit> limits = limits();
    for (String key :
        List.of(
            "min_batch_items",
            "max_batch_items",
            "max_idempotency_key_length",
            "max_tags",
            "max_tag_key_length",
            "max_tag_value_length",
            "max_attributes",
            "max_attribute_key_suffix_length",
            "max_attribute_string_length",
            "max_attribute_array_items",
            "max_quality_metrics",
            "max_manifest_artifacts",
            "max_ttl_hours",
            "max_failure_message_length",
            "max_span_name_length",
            "max_expected_frames",
            "max_frame_index",
            "max_media_time_ms")) {
      assertThat(limits).as("limits table").containsKey(key);
      assertThat(limits.get(key).schema()).as("schema column of %s", key).isNotEmpty();
    }
  }

  @TestFactory
  Stream<DynamicTest> everySchemaBackedLimit_equalsTheSchemaNumber() {
    return limitRows().stream()
        .filter(l -> !l.schema().isEmpty())
        .map(l -> DynamicTest.dynamicTest(l.key(), () -> checkAgainstSchema(l)));
  }

  @Test
  void limitsFixedByDesign_haveTheirValues() {
    Map<String, Limit> limits = limits();
    Map<String, Long> exact = new LinkedHashMap<>();
    exact.put("max_batch_bytes", 5_242_880L);
    exact.put("min_batch_items", 1L);
    exact.put("max_batch_items", 10_000L);
    exact.put("max_queue_message_bytes", 10_485_760L);
    exact.put("max_idempotency_key_length", 128L);
    exact.put("clock_skew_tolerance_ms", 5_000L);
    exact.put("max_tags", 64L);
    exact.put("max_tag_key_length", 64L);
    exact.put("max_tag_value_length", 256L);
    exact.put("max_attributes", 128L);
    exact.put("max_attribute_string_length", 4_096L);
    exact.put("max_attribute_array_items", 128L);
    exact.put("max_attributes_json_bytes", 32_768L);
    exact.put("max_quality_metrics", 32L);
    exact.put("max_manifest_artifacts", 1_000L);
    exact.put("max_page_limit", 200L);
    exact.put("signed_url_ttl_seconds", 600L);
    exact.put("rate_limit_default_burst", 200L);
    exact.put("rate_limit_default_period_seconds", 10L);
    exact.put("cursor_ttl_hours", 24L);
    exact.put("frame_event_retention_days", 180L);
    exact.put("trace_retention_days", 730L);
    exact.put("artifact_retention_days", 30L);
    exact.put("artifact_grace_hours", 24L);
    exact.put("consistency_target_p95_ms", 5_000L);
    exact.forEach(
        (key, value) -> {
          assertThat(limits).as("limits table").containsKey(key);
          assertThat(limits.get(key).value())
              .as("limit %s", key)
              .isEqualByComparingTo(BigDecimal.valueOf(value));
        });
    Map<String, Long> atLeast =
        Map.of(
            "idempotency_window_hours", 24L,
            "dedupe_window_hours", 24L,
            "tombstone_retention_days", 7L * 365);
    atLeast.forEach(
        (key, value) -> {
          assertThat(limits).as("limits table").containsKey(key);
          assertThat(limits.get(key).value())
              .as("limit %s", key)
              .isGreaterThanOrEqualTo(BigDecimal.valueOf(value));
        });
  }

  @Test
  void limits_equalTheValidatorsJavaConstants() throws Exception {
    Class<?> constants;
    try {
      constants = Class.forName("io.ovpo.schemas.Limits");
    } catch (ClassNotFoundException e) {
      Assumptions.abort("io.ovpo.schemas.Limits does not exist (yet)");
      return;
    }
    Map<String, String> fieldByKey = new LinkedHashMap<>();
    fieldByKey.put("max_batch_bytes", "MAX_BODY_BYTES");
    fieldByKey.put("min_batch_items", "MIN_ITEMS");
    fieldByKey.put("max_batch_items", "MAX_ITEMS");
    fieldByKey.put("max_queue_message_bytes", "MAX_QUEUE_MESSAGE_BYTES");
    fieldByKey.put("max_idempotency_key_length", "MAX_IDEMPOTENCY_KEY_LENGTH");
    Map<String, Limit> limits = limits();
    int compared = 0;
    for (var e : fieldByKey.entrySet()) {
      Optional<Field> field =
          Stream.of(constants.getFields()).filter(f -> f.getName().equals(e.getValue())).findAny();
      if (field.isEmpty()) {
        continue;
      }
      Number value = (Number) field.get().get(null);
      assertThat(limits.get(e.getKey()).value())
          .as("limit %s vs Limits.%s", e.getKey(), e.getValue())
          .isEqualByComparingTo(new BigDecimal(value.toString()));
      compared++;
    }
    Assumptions.assumeTrue(compared > 0, "Limits has none of the expected constants");
  }

  private static void checkAgainstSchema(Limit limit) {
    String[] parts = limit.schema().split("#", 2);
    assertThat(parts).as("schema pointer of %s: file#/pointer", limit.key()).hasSize(2);
    Path file = schemaDir().resolve(parts[0]);
    assertThat(file).as("schema file of limit %s", limit.key()).isRegularFile();
    JsonNode node = read(file).at(parts[1]);
    if (node.isMissingNode()) {
      fail("limit %s: %s has nothing at %s", limit.key(), parts[0], parts[1]);
    }
    BigDecimal schemaValue;
    if (node.isNumber()) {
      schemaValue = node.decimalValue();
    } else if (node.isTextual()) {
      schemaValue = largestQuantifierBound(node.asText(), limit);
    } else {
      fail("limit %s: %s is neither a number nor a pattern: %s", limit.key(), limit.schema(), node);
      return;
    }
    if (limit.value().compareTo(schemaValue) != 0) {
      fail(
          "limit %s: the spec says %s, the schema (%s) says %s",
          limit.key(), limit.value().toPlainString(), limit.schema(), schemaValue.toPlainString());
    }
  }

  private static BigDecimal largestQuantifierBound(String pattern, Limit limit) {
    Matcher m = QUANTIFIER.matcher(pattern);
    long max = -1;
    while (m.find()) {
      max = Math.max(max, Long.parseLong(m.group(2) != null ? m.group(2) : m.group(1)));
    }
    if (max < 0) {
      fail("limit %s: pattern %s has no {m,n} quantifier", limit.key(), pattern);
    }
    return BigDecimal.valueOf(max);
  }

  // ---------------------------------------------------------------- spec parsing

  record SpecEnum(String name, Path file, List<String> header, List<List<String>> rows) {
    List<String> values() {
      return rows.stream().map(r -> unquote(r.get(0))).toList();
    }

    int column(String title) {
      int i = header.indexOf(title);
      if (i < 0) {
        fail("enum %s (%s) has no column '%s' (columns %s)", name, file, title, header);
      }
      return i;
    }
  }

  record Limit(String key, BigDecimal value, String kind, String schema) {}

  private static SpecEnum specEnum(String name) {
    SpecEnum e = specEnums().get(name);
    if (e == null) {
      fail("the spec has no '### Enum: %s' table", name);
    }
    return e;
  }

  private static Map<String, SpecEnum> specEnums() {
    Map<String, SpecEnum> enums = new TreeMap<>();
    for (Path file : specFiles()) {
      List<String> lines = lines(file);
      for (int i = 0; i < lines.size(); i++) {
        Matcher m = ENUM_HEADING.matcher(lines.get(i));
        if (!m.matches()) {
          continue;
        }
        String name = m.group(1);
        List<List<String>> table = tableAfter(lines, i + 1, file + " enum " + name);
        List<String> header = table.get(0);
        List<List<String>> rows = table.subList(1, table.size());
        for (List<String> row : rows) {
          if (!BACKTICKED.matcher(row.get(0)).matches()) {
            fail(
                "%s, enum %s: first column must be the wire value in backticks, got '%s'",
                file.getFileName(), name, row.get(0));
          }
        }
        SpecEnum previous = enums.put(name, new SpecEnum(name, file, header, rows));
        if (previous != null) {
          fail("enum %s is defined twice: %s and %s", name, previous.file(), file);
        }
      }
    }
    return enums;
  }

  private static List<Limit> limitRows() {
    Path file = specDir().resolve("10-limits.md");
    List<String> lines = lines(file);
    for (int i = 0; i < lines.size(); i++) {
      List<String> cells = cells(lines.get(i));
      if (lines.get(i).startsWith("|") && cells.contains("key") && cells.contains("value")) {
        List<List<String>> table = tableAfter(lines, i, "limits table");
        List<String> header = table.get(0);
        int key = header.indexOf("key");
        int value = header.indexOf("value");
        int kind = header.indexOf("kind");
        int schema = header.indexOf("schema");
        assertThat(kind).as("limits table has a kind column").isNotNegative();
        assertThat(schema).as("limits table has a schema column").isNotNegative();
        List<Limit> limits = new ArrayList<>();
        for (List<String> row : table.subList(1, table.size())) {
          String k = unquote(row.get(key));
          BigDecimal v;
          try {
            v = new BigDecimal(row.get(value).trim());
          } catch (NumberFormatException e) {
            fail("limit %s: value '%s' is not a plain number", k, row.get(value));
            return List.of();
          }
          String s = row.get(schema).isBlank() ? "" : unquote(row.get(schema));
          limits.add(new Limit(k, v, row.get(kind).trim(), s));
        }
        return limits;
      }
    }
    fail("10-limits.md has no table with key and value columns");
    return List.of();
  }

  private static Map<String, Limit> limits() {
    return limitRows().stream()
        .collect(Collectors.toMap(Limit::key, l -> l, (a, b) -> a, TreeMap::new));
  }

  /** The first Markdown table at or after {@code from}: header row, then data rows. */
  private static List<List<String>> tableAfter(List<String> lines, int from, String what) {
    int i = from;
    while (i < lines.size() && !lines.get(i).startsWith("|")) {
      if (HEADING.matcher(lines.get(i)).matches()) {
        fail("%s: no table before the next heading", what);
      }
      i++;
    }
    if (i + 1 >= lines.size() || !lines.get(i + 1).matches("^\\|[\\s:|-]+\\|?\\s*$")) {
      fail("%s: no Markdown table (header and separator rows)", what);
    }
    List<List<String>> table = new ArrayList<>();
    List<String> header = cells(lines.get(i));
    table.add(header);
    for (i = i + 2; i < lines.size() && lines.get(i).startsWith("|"); i++) {
      List<String> row = cells(lines.get(i));
      if (row.size() != header.size()) {
        fail("%s: row has %d cells, header %d: %s", what, row.size(), header.size(), lines.get(i));
      }
      table.add(row);
    }
    if (table.size() < 2) {
      fail("%s: the table has no rows", what);
    }
    return table;
  }

  /** Cells of a table row; {@code \|} is a literal bar inside a cell. */
  private static List<String> cells(String row) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    String s = row.trim();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length() && s.charAt(i + 1) == '|') {
        cell.append('|');
        i++;
      } else if (c == '|') {
        cells.add(cell.toString().trim());
        cell.setLength(0);
      } else {
        cell.append(c);
      }
    }
    cells.add(cell.toString().trim());
    if (!cells.isEmpty() && cells.get(0).isEmpty()) {
      cells.remove(0);
    }
    if (!cells.isEmpty() && cells.get(cells.size() - 1).isEmpty()) {
      cells.remove(cells.size() - 1);
    }
    return cells;
  }

  private static String unquote(String cell) {
    Matcher m = BACKTICKED.matcher(cell.trim());
    return m.matches() ? m.group(1) : cell.trim();
  }

  // ---------------------------------------------------------------- schema walking

  record PropertyHome(String file, String property) {}

  /** Every schema property whose (resolved) schema is an enum of strings. */
  private static Map<PropertyHome, Set<String>> schemaPropertyEnums() {
    Map<PropertyHome, Set<String>> found = new LinkedHashMap<>();
    for (Path file : schemaFiles()) {
      String name = file.getFileName().toString();
      walk(
          read(file),
          "",
          (path, node) -> {
            JsonNode properties = node.get("properties");
            if (properties == null || !properties.isObject()) {
              return;
            }
            Iterator<Map.Entry<String, JsonNode>> it = properties.fields();
            while (it.hasNext()) {
              Map.Entry<String, JsonNode> p = it.next();
              JsonNode resolved = resolve(name, p.getValue());
              JsonNode values = resolved.get("enum");
              if (values != null && values.isArray()) {
                Set<String> set = new TreeSet<>();
                values.forEach(v -> set.add(v.asText()));
                found.merge(
                    new PropertyHome(name, p.getKey()),
                    set,
                    (a, b) -> {
                      if (!a.equals(b)) {
                        fail(
                            "%s: property %s has different enums %s and %s",
                            name, p.getKey(), a, b);
                      }
                      return a;
                    });
              }
            }
          });
    }
    return found;
  }

  /** Follows {@code $ref}s (relative file names and local pointers) to the schema they name. */
  private static JsonNode resolve(String file, JsonNode node) {
    String current = file;
    JsonNode n = node;
    for (int hops = 0; hops < 20 && n.has("$ref") && !n.has("enum"); hops++) {
      String ref = n.get("$ref").asText();
      int hash = ref.indexOf('#');
      String target = hash < 0 ? ref : ref.substring(0, hash);
      String pointer = hash < 0 ? "" : ref.substring(hash + 1);
      if (!target.isEmpty()) {
        current = target;
      }
      Path path = schemaDir().resolve(current);
      if (!Files.isRegularFile(path)) {
        fail("%s: $ref %s names a missing file", file, ref);
      }
      n = read(path).at(pointer);
      if (n.isMissingNode()) {
        fail("%s: $ref %s does not resolve", file, ref);
      }
    }
    return n;
  }

  private interface Visitor {
    void visit(String pointer, JsonNode node);
  }

  private static void walk(JsonNode node, String pointer, Visitor visitor) {
    if (node.isObject()) {
      visitor.visit(pointer, node);
      node.fields()
          .forEachRemaining(e -> walk(e.getValue(), pointer + "/" + escape(e.getKey()), visitor));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), pointer + "/" + i, visitor);
      }
    }
  }

  private static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  // ---------------------------------------------------------------- files

  private static final Map<Path, JsonNode> PARSED = new java.util.concurrent.ConcurrentHashMap<>();

  private static JsonNode read(Path file) {
    return PARSED.computeIfAbsent(
        file.toAbsolutePath().normalize(),
        f -> {
          try {
            return JSON.readTree(f.toFile());
          } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + f, e);
          }
        });
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Set<String> set(List<String> values) {
    return new TreeSet<>(values);
  }

  private static void assertSameValues(
      String name, Set<String> spec, Set<String> schema, String other) {
    Set<String> onlySpec = new TreeSet<>(spec);
    onlySpec.removeAll(schema);
    Set<String> onlySchema = new TreeSet<>(schema);
    onlySchema.removeAll(spec);
    if (!onlySpec.isEmpty() || !onlySchema.isEmpty()) {
      fail(
          "enum %s differs: only in the spec %s, only in %s %s", name, onlySpec, other, onlySchema);
    }
  }

  /** {@code spec/v0.08}: the system property {@code ovpo.spec.dir}, or found above the module. */
  static Path specDir() {
    return locate("ovpo.spec.dir", "spec/v0.08", "10-limits.md");
  }

  /** {@code schemas/v0.08}: the system property {@code ovpo.schemas.dir}, or found nearby. */
  static Path schemaDir() {
    return locate("ovpo.schemas.dir", "schemas/v0.08", "trace.json");
  }

  private static Path locate(String property, String relative, String marker) {
    String configured = System.getProperty(property);
    if (configured != null && Files.isRegularFile(Path.of(configured).resolve(marker))) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath();
    String leaf = Path.of(relative).getFileName().toString();
    for (Path d = dir; d != null; d = d.getParent()) {
      for (Path candidate : List.of(d.resolve(relative), d.resolve(leaf))) {
        if (Files.isRegularFile(candidate.resolve(marker))) {
          return candidate.normalize();
        }
      }
    }
    fail("cannot find %s (looked for %s above %s)", relative, marker, dir);
    return dir;
  }

  private static List<Path> specFiles() {
    try (Stream<Path> files = Files.list(specDir())) {
      return files
          .filter(p -> p.getFileName().toString().matches("^(\\d\\d-.*|README)\\.md$"))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Path> schemaFiles() {
    try (Stream<Path> files = Files.list(schemaDir())) {
      return files.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
