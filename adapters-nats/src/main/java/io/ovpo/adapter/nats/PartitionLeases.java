package io.ovpo.adapter.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.KeyValue;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.IntPredicate;

/**
 * One member's share of a consumer group's partitions, leased in the group's KV bucket so that a
 * partition is pulled by one member at a time: that is what keeps one partition key's envelopes in
 * order with several consumers (JetStream alone hands a pull consumer's messages to whichever
 * member asks).
 *
 * <p>Keys: {@code <durable>.m.<member>} says the member is alive; {@code <durable>.p.<partition>}
 * names the partition's owner. Both are renewed every heartbeat and expire with the bucket's TTL
 * when their member stops renewing them (it died, or stopped polling). Each member aims at
 * ceil(partitions / members): it gives back partitions above that, but only those it holds nothing
 * of (the caller decides), and takes free ones up to it, starting at a member-specific partition so
 * that members spread. Creating and renewing are compare-and-set on the key's revision, so two
 * members never both believe they own a partition, except for a member that could not renew in
 * time: it stops pulling once its renewal is older than the TTL allows.
 */
final class PartitionLeases {
  /** JetStream API error: the compare-and-set's expected revision did not match. */
  static final int WRONG_LAST_SEQUENCE = 10071;

  private final KeyValue bucket;
  private final String durable;
  private final String member;
  private final int partitions;
  private final int start;
  private final byte[] value;

  /** Partition → revision of its owner key. */
  private final Map<Integer, Long> owned = new TreeMap<>();

  PartitionLeases(KeyValue bucket, String durable, String member, int partitions) {
    this.bucket = bucket;
    this.durable = durable;
    this.member = member;
    this.partitions = partitions;
    this.start = Math.floorMod(member.hashCode(), partitions);
    this.value = member.getBytes(StandardCharsets.UTF_8);
  }

  /** The partitions this member holds, ascending. */
  Set<Integer> owned() {
    return Set.copyOf(owned.keySet());
  }

  boolean owns(int partition) {
    return owned.containsKey(partition);
  }

  /**
   * Announces the member and renews its leases.
   *
   * @return the partitions whose lease was lost (it expired and another member took it)
   */
  List<Integer> renew() throws IOException, JetStreamApiException {
    bucket.put(memberKey(member), value);
    List<Integer> lost = new ArrayList<>();
    for (Map.Entry<Integer, Long> e : List.copyOf(owned.entrySet())) {
      try {
        owned.put(e.getKey(), bucket.update(ownerKey(e.getKey()), value, e.getValue()));
      } catch (JetStreamApiException x) {
        if (x.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
          throw x;
        }
        owned.remove(e.getKey());
        lost.add(e.getKey());
      }
    }
    return lost;
  }

  /**
   * Moves this member's share towards ceil(partitions / members).
   *
   * @param releasable whether a partition can be given back now (nothing of it in hand)
   * @return the partitions given back
   */
  List<Integer> rebalance(IntPredicate releasable)
      throws IOException, JetStreamApiException, InterruptedException {
    Set<Integer> taken = new HashSet<>();
    int members = 0;
    for (String key : bucket.keys(durable + ".>")) {
      if (key.startsWith(durable + ".m.")) {
        members++;
      } else if (key.startsWith(durable + ".p.")) {
        taken.add(Integer.parseInt(key.substring(durable.length() + 3)));
      }
    }
    int target = (partitions + Math.max(1, members) - 1) / Math.max(1, members);
    List<Integer> released = new ArrayList<>();
    for (int i = partitions - 1; i >= 0 && owned.size() > target; i--) {
      int p = (start + i) % partitions; // the least preferred first
      if (owned.containsKey(p) && releasable.test(p)) {
        release(p);
        released.add(p);
      }
    }
    for (int i = 0; i < partitions && owned.size() < target; i++) {
      int p = (start + i) % partitions;
      if (!taken.contains(p) && !owned.containsKey(p)) {
        acquire(p);
      }
    }
    return released;
  }

  /** Gives every partition back and leaves the group. */
  void leave() throws IOException, JetStreamApiException {
    for (int p : List.copyOf(owned.keySet())) {
      release(p);
    }
    bucket.delete(memberKey(member));
  }

  private void acquire(int p) throws IOException, JetStreamApiException {
    try {
      owned.put(p, bucket.create(ownerKey(p), value));
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
        throw e;
      }
      // another member was quicker
    }
  }

  private void release(int p) throws IOException, JetStreamApiException {
    Long revision = owned.remove(p);
    try {
      bucket.delete(ownerKey(p), revision);
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != WRONG_LAST_SEQUENCE) {
        throw e;
      }
      // already expired and taken over: nothing of ours to delete
    }
  }

  private String memberKey(String id) {
    return durable + ".m." + id;
  }

  private String ownerKey(int p) {
    return durable + ".p." + p;
  }
}
