package io.ovpo.app.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusMetricsTest {
  private final PrometheusMetrics metrics = new PrometheusMetrics();

  @Test
  void counters_areExposedWithPrefixAndTotalSuffix() {
    metrics.increment("items_accepted_total", 3, "item_type", "span");
    metrics.increment("items_accepted", 2, "item_type", "span");
    assertThat(metrics.scrape()).contains("ovpo_items_accepted_total{item_type=\"span\"} 5.0");
  }

  @Test
  void secondsObservations_areHistograms() {
    metrics.observe("http_request_duration_seconds", 0.004, "route", "ingest");
    assertThat(metrics.scrape())
        .contains("ovpo_http_request_duration_seconds_bucket{route=\"ingest\",le=\"0.005\"} 1")
        .contains("ovpo_http_request_duration_seconds_count{route=\"ingest\"} 1");
  }

  @Test
  void gauges_holdTheLastValue() {
    metrics.gauge("queue_depth", 7);
    metrics.gauge("queue_depth", 3);
    assertThat(metrics.scrape()).contains("ovpo_queue_depth 3.0");
  }
}
