package io.ovpo.app.cli;

import io.ovpo.wire.WireJson;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * A time on the command line ({@code --from}, {@code --to}): an RFC 3339 date-time with any offset,
 * a date ({@code 2025-03-01}, midnight UTC), {@code now}, or an age such as {@code 30m}, {@code
 * 24h}, {@code 7d}, {@code 2w} meaning that long ago. Converted to the wire format, UTC with
 * milliseconds.
 */
final class TimeArg implements CommandLine.ITypeConverter<String> {
  private static final Pattern AGE = Pattern.compile("^(\\d{1,6})(s|m|h|d|w)$");
  private final Clock clock;

  TimeArg() {
    this(Clock.systemUTC());
  }

  TimeArg(Clock clock) {
    this.clock = clock;
  }

  @Override
  public String convert(String value) {
    return WireJson.formatInstant(parse(value, clock));
  }

  /**
   * @throws CommandLine.TypeConversionException with the accepted forms
   */
  static Instant parse(String value, Clock clock) {
    String v = value.strip();
    if (v.equalsIgnoreCase("now")) {
      return clock.instant();
    }
    Matcher m = AGE.matcher(v.toLowerCase(Locale.ROOT));
    if (m.matches()) {
      return clock.instant().minus(age(Long.parseLong(m.group(1)), m.group(2)));
    }
    try {
      if (v.length() == 10) {
        return LocalDate.parse(v).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(v).toInstant();
    } catch (DateTimeParseException e) {
      throw new CommandLine.TypeConversionException(
          "'"
              + value
              + "' is not a time: use RFC 3339 (2025-03-01T12:00:00Z), a date (2025-03-01), now,"
              + " or an age like 30m, 24h, 7d");
    }
  }

  /** An amount of s, m, h, d or w. */
  static Duration age(long n, String unit) {
    return switch (unit) {
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      case "d" -> Duration.ofDays(n);
      default -> Duration.ofDays(7 * n);
    };
  }

  /** Parses an amount like {@code 30d} as a duration (for {@code --expires-in}). */
  static final class DurationArg implements CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      Matcher m = AGE.matcher(value.strip().toLowerCase(Locale.ROOT));
      if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
        throw new CommandLine.TypeConversionException(
            "'" + value + "' is not a duration: use e.g. 90s, 30m, 12h, 30d, 2w");
      }
      return age(Long.parseLong(m.group(1)), m.group(2));
    }
  }

  /** {@code now + d}, in the wire format. */
  static String after(Duration d) {
    return WireJson.formatInstant(Instant.now().plus(d));
  }
}
