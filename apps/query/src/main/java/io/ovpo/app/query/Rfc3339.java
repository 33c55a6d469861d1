package io.ovpo.app.query;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Time parameters (spec 05 §1.1): any RFC 3339 date-time, {@code Z} or a numeric offset, 0 to 9
 * fraction digits; converted to UTC and cut to milliseconds.
 */
final class Rfc3339 {
  // RFC 3339 section 5.6; the letters T and Z may be lower case there.
  private static final Pattern FORM =
      Pattern.compile(
          "^\\d{4}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})$");

  private Rfc3339() {}

  static Instant parse(String name, String value) {
    if (!FORM.matcher(value).matches()) {
      throw malformed(name);
    }
    try {
      return OffsetDateTime.parse(
              value.toUpperCase(Locale.ROOT), DateTimeFormatter.ISO_OFFSET_DATE_TIME)
          .toInstant()
          .truncatedTo(ChronoUnit.MILLIS);
    } catch (DateTimeException e) {
      throw malformed(name);
    }
  }

  private static RuntimeException malformed(String name) {
    return QueryParams.invalid(
        "parameter '" + name + "' must be an RFC 3339 date-time, e.g. 2026-03-01T00:00:00Z");
  }
}
