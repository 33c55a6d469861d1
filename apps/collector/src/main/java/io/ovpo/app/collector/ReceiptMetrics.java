package io.ovpo.app.collector;

import io.ovpo.ports.in.DecodedItem;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.ItemError;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.wire.DecodedBatch;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The collector metrics of spec 05 §9.3 that need the whole receipt: {@code
 * ingest_items_total{item_type, result}} and {@code ingest_validation_failures_total{code}}. (Core
 * records the issue's {@code items_accepted_total} and {@code validation_failures_total} itself.)
 */
final class ReceiptMetrics {
  private static final String UNKNOWN_TYPE = "unknown";

  private final MetricsRecorder metrics;

  ReceiptMetrics(MetricsRecorder metrics) {
    this.metrics = metrics;
  }

  void record(DecodedBatch batch, IngestReceipt receipt) {
    BitSet failed = new BitSet(batch.items().size());
    Map<String, Long> byCode = new TreeMap<>();
    for (ItemError e : receipt.errors()) {
      failed.set(e.itemIndex());
      byCode.merge(e.code().name(), 1L, Long::sum);
    }
    Map<ItemType, long[]> byType = new EnumMap<>(ItemType.class);
    long failedUnknown = 0;
    for (DecodedItem item : batch.items()) {
      Optional<ItemType> type = type(item);
      boolean isFailed = failed.get(item.index());
      if (type.isEmpty()) {
        failedUnknown++;
        continue;
      }
      byType.computeIfAbsent(type.get(), t -> new long[2])[isFailed ? 1 : 0]++;
    }
    byType.forEach(
        (t, n) -> {
          count(t.wire(), "accepted", n[0]);
          count(t.wire(), "failed", n[1]);
        });
    count(UNKNOWN_TYPE, "failed", failedUnknown);
    byCode.forEach(
        (code, n) -> metrics.increment("ingest_validation_failures_total", n, "code", code));
  }

  private void count(String type, String result, long n) {
    if (n > 0) {
      metrics.increment("ingest_items_total", n, "item_type", type, "result", result);
    }
  }

  private static Optional<ItemType> type(DecodedItem item) {
    if (item instanceof DecodedItem.Valid v) {
      return Optional.of(v.item().itemType());
    }
    return ((DecodedItem.Invalid) item).itemType();
  }
}
