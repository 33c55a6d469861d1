package io.ovpo.compliance;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The command line of {@link ComplianceMain}: {@code --name value} options and flags. */
final class CliArgs {
  static final Set<String> FLAGS =
      Set.of("--strict", "--verbose", "--list", "--help", "--check-traces");
  static final Set<String> OPTIONS =
      Set.of(
          "--url",
          "--api-key",
          "--admin-key",
          "--report",
          "--only",
          "--known-deviations",
          "--parallel",
          "--timeout-ms",
          "--settle-ms",
          "--check-batch",
          "--tag",
          "--limit",
          "--trace-id",
          "--span-tolerance-ms",
          "--skew-tolerance-ms",
          "--rate-tier");

  private final Map<String, List<String>> values = new LinkedHashMap<>();

  private CliArgs() {}

  /**
   * Parses {@code args}.
   *
   * @throws IllegalArgumentException on an unknown option or a missing value
   */
  static CliArgs parse(String[] args) {
    CliArgs a = new CliArgs();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        value = arg.substring(eq + 1);
        arg = arg.substring(0, eq);
      }
      if (FLAGS.contains(arg) && value == null) {
        a.values.computeIfAbsent(arg, k -> new ArrayList<>()).add("true");
      } else if (OPTIONS.contains(arg)) {
        if (value == null) {
          if (i + 1 >= args.length) {
            throw new IllegalArgumentException(arg + " needs a value");
          }
          value = args[++i];
        }
        a.values.computeIfAbsent(arg, k -> new ArrayList<>()).add(value);
      } else {
        throw new IllegalArgumentException("unknown argument: " + arg);
      }
    }
    return a;
  }

  boolean flag(String name) {
    return values.containsKey(name);
  }

  Optional<String> value(String name) {
    List<String> v = values.get(name);
    return v == null ? Optional.empty() : Optional.of(v.get(v.size() - 1));
  }

  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  int integer(String name, int fallback, int min, int max) {
    Optional<String> v = value(name);
    if (v.isEmpty()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.get());
      if (n < min || n > max) {
        throw new IllegalArgumentException(name + " must be " + min + ".." + max);
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number: " + v.get());
    }
  }
}
