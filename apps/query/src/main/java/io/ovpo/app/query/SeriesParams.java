package io.ovpo.app.query;

import io.ovpo.ports.model.BucketWidth;
import io.ovpo.ports.model.TimeseriesMetric;
import java.util.Locale;

/** {@code metric} and {@code bucket} of {@code GET /v1/analytics/timeseries} (spec 05 §6.3). */
final class SeriesParams {
  private SeriesParams() {}

  static TimeseriesMetric metric(QueryParams p) {
    String v =
        p.single("metric").orElseThrow(() -> QueryParams.invalid("parameter 'metric' is required"));
    for (TimeseriesMetric m : TimeseriesMetric.values()) {
      if (wire(m).equals(v)) {
        return m;
      }
    }
    throw QueryParams.invalid(
        "parameter 'metric' must be throughput, failure_rate, p95_latency or compute_units");
  }

  static BucketWidth bucket(QueryParams p) {
    String v = p.single("bucket").orElse("hour");
    for (BucketWidth b : BucketWidth.values()) {
      if (wire(b).equals(v)) {
        return b;
      }
    }
    throw QueryParams.invalid("parameter 'bucket' must be hour or day");
  }

  static String wire(Enum<?> value) {
    return value.name().toLowerCase(Locale.ROOT);
  }
}
