package io.ovpo.adapter.kafka;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;

/**
 * Consumer lag of the ingest topic: for the group furthest behind, records after its committed
 * offsets; with no group committed yet, every record the topic holds.
 */
final class KafkaDepth {
  private KafkaDepth() {}

  /** Retries briefly while the broker catches up with a topic it just created. */
  static long of(Admin admin, KafkaSettings s)
      throws ExecutionException, InterruptedException, TimeoutException {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(admin, s);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof RetriableException) || attempt == 5) {
          throw e;
        }
        Thread.sleep(100L * attempt);
      }
    }
  }

  private static long once(Admin admin, KafkaSettings s)
      throws ExecutionException, InterruptedException, TimeoutException {
    long timeout = s.requestTimeout().toMillis();
    int partitions =
        admin
            .describeTopics(List.of(s.topic()))
            .allTopicNames()
            .get(timeout, TimeUnit.MILLISECONDS)
            .get(s.topic())
            .partitions()
            .size();
    List<TopicPartition> tps = new ArrayList<>();
    for (int p = 0; p < partitions; p++) {
      tps.add(new TopicPartition(s.topic(), p));
    }
    Map<TopicPartition, Long> begin = offsets(admin, tps, OffsetSpec.earliest(), timeout);
    Map<TopicPartition, Long> end = offsets(admin, tps, OffsetSpec.latest(), timeout);

    Map<String, ListConsumerGroupOffsetsSpec> specs = new HashMap<>();
    for (GroupListing g :
        admin
            .listGroups(ListGroupsOptions.forConsumerGroups())
            .all()
            .get(timeout, TimeUnit.MILLISECONDS)) {
      specs.put(g.groupId(), new ListConsumerGroupOffsetsSpec().topicPartitions(tps));
    }
    long deepest = -1;
    if (!specs.isEmpty()) {
      Map<String, Map<TopicPartition, OffsetAndMetadata>> committed =
          admin.listConsumerGroupOffsets(specs).all().get(timeout, TimeUnit.MILLISECONDS);
      for (Map<TopicPartition, OffsetAndMetadata> offsets : committed.values()) {
        if (offsets.values().stream().allMatch(o -> o == null)) {
          continue; // a group of another topic, or one that never committed here
        }
        long lag = 0;
        for (TopicPartition tp : tps) {
          OffsetAndMetadata o = offsets.get(tp);
          long from = o == null ? begin.get(tp) : Math.max(o.offset(), begin.get(tp));
          lag += Math.max(0, end.get(tp) - from);
        }
        deepest = Math.max(deepest, lag);
      }
    }
    if (deepest >= 0) {
      return deepest;
    }
    long total = 0;
    for (TopicPartition tp : tps) {
      total += end.get(tp) - begin.get(tp);
    }
    return total;
  }

  private static Map<TopicPartition, Long> offsets(
      Admin admin, List<TopicPartition> tps, OffsetSpec spec, long timeout)
      throws ExecutionException, InterruptedException, TimeoutException {
    Map<TopicPartition, OffsetSpec> request = new HashMap<>();
    tps.forEach(tp -> request.put(tp, spec));
    Map<TopicPartition, ListOffsetsResultInfo> info =
        admin.listOffsets(request).all().get(timeout, TimeUnit.MILLISECONDS);
    Map<TopicPartition, Long> out = new HashMap<>();
    info.forEach((tp, i) -> out.put(tp, i.offset()));
    return out;
  }
}
