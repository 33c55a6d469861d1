package io.ovpo.compliance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The explicit list of checks a server is known to fail, each with the spec section and the reason.
 * A listed check that fails is reported as {@link CheckStatus#KNOWN_DEVIATION} and does not fail
 * the run; a listed check that passes is reported, so that its line can be removed. The reference
 * server's list is {@code compliance/known-deviations.txt}, bundled in the jar.
 *
 * <p>Format: one deviation per line, {@code <check id> | <spec section> | <reason>}; blank lines
 * and lines starting with {@code #} are ignored.
 */
public final class KnownDeviations {
  /** Where the bundled list lives on the class path. */
  static final String RESOURCE = "io/ovpo/compliance/known-deviations.txt";

  /**
   * One listed deviation.
   *
   * @param checkId the check's id
   * @param spec the section the server deviates from
   * @param reason why, and what would fix it
   */
  public record Deviation(String checkId, String spec, String reason) {}

  private final Map<String, Deviation> byId;
  private final String source;

  private KnownDeviations(Map<String, Deviation> byId, String source) {
    this.byId = Collections.unmodifiableMap(byId);
    this.source = source;
  }

  /** No deviation is tolerated. */
  public static KnownDeviations none() {
    return new KnownDeviations(Map.of(), "none");
  }

  /** The list bundled with the kit: the reference server's known deviations. */
  public static KnownDeviations bundled() {
    try (InputStream in = KnownDeviations.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        return none();
      }
      return parse(
          new String(in.readAllBytes(), StandardCharsets.UTF_8), "bundled known-deviations.txt");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A list from a file. */
  public static KnownDeviations load(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Parses the text of a list.
   *
   * @throws IllegalArgumentException naming the line that is not {@code id | spec | reason}
   */
  public static KnownDeviations parse(String text, String source) {
    Map<String, Deviation> byId = new LinkedHashMap<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      String[] parts = line.split("\\|", 3);
      if (parts.length != 3 || parts[0].isBlank() || parts[1].isBlank() || parts[2].isBlank()) {
        throw new IllegalArgumentException(
            source + " line " + (i + 1) + ": expected '<check id> | <spec> | <reason>': " + line);
      }
      String id = parts[0].strip();
      if (byId.put(id, new Deviation(id, parts[1].strip(), parts[2].strip())) != null) {
        throw new IllegalArgumentException(
            source + " line " + (i + 1) + ": " + id + " listed twice");
      }
    }
    return new KnownDeviations(new LinkedHashMap<>(byId), source);
  }

  public Optional<Deviation> find(String checkId) {
    return Optional.ofNullable(byId.get(checkId));
  }

  public List<Deviation> all() {
    return new ArrayList<>(byId.values());
  }

  public String source() {
    return source;
  }

  /** {@code result} judged against this list. */
  public CheckResult apply(CheckResult result) {
    Optional<Deviation> d = find(result.id());
    if (d.isEmpty()) {
      return result;
    }
    return switch (result.status()) {
      case FAILED -> result.withDeviation(CheckStatus.KNOWN_DEVIATION, d.get().reason());
      case PASSED -> result.withDeviation(CheckStatus.PASSED, d.get().reason());
      default -> result;
    };
  }
}
