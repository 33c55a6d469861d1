package io.ovpo.core.service;

import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.EnvelopeId;
import io.ovpo.ports.model.IngestItem;
import io.ovpo.ports.model.ItemJson;
import io.ovpo.ports.model.ItemType;
import io.ovpo.ports.model.MessageType;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import io.ovpo.ports.out.ItemCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Groups accepted items by trace, in batch order, into envelopes of one tenant and one trace whose
 * payload stays under the bound (decisions.md "Queue envelope"). A group too large for one envelope
 * is halved until each part fits, which keeps the batch order within a trace. Items that come with
 * their JSON as received are queued as those bytes ({@link ItemCodec#encode(List, List)}).
 */
final class EnvelopePacker {
  /** The envelopes, and the items that alone exceed the bound (they cannot be queued). */
  record Packed(List<Envelope> envelopes, List<IndexedItem> tooLarge) {}

  /** An item with its index in the batch and, when the decoder kept it, its JSON as received. */
  record IndexedItem(int index, IngestItem item, Optional<ItemJson> json) {}

  private final ItemCodec codec;
  private final int maxPayloadBytes;

  EnvelopePacker(ItemCodec codec, int maxPayloadBytes) {
    this.codec = codec;
    this.maxPayloadBytes = maxPayloadBytes;
  }

  Packed pack(TenantId tenant, Instant receivedAt, List<IndexedItem> items) {
    Map<TraceId, List<IndexedItem>> byTrace = new LinkedHashMap<>();
    for (IndexedItem i : items) {
      byTrace.computeIfAbsent(i.item().traceId(), t -> new ArrayList<>()).add(i);
    }
    List<Envelope> envelopes = new ArrayList<>();
    List<IndexedItem> tooLarge = new ArrayList<>();
    byTrace.forEach((trace, group) -> split(tenant, receivedAt, trace, group, envelopes, tooLarge));
    return new Packed(envelopes, tooLarge);
  }

  private void split(
      TenantId tenant,
      Instant receivedAt,
      TraceId trace,
      List<IndexedItem> group,
      List<Envelope> out,
      List<IndexedItem> tooLarge) {
    List<IngestItem> plain = new ArrayList<>(group.size());
    List<Optional<ItemJson>> received = new ArrayList<>(group.size());
    for (IndexedItem i : group) {
      plain.add(i.item());
      received.add(i.json());
    }
    byte[] payload = codec.encode(plain, received);
    if (payload.length <= maxPayloadBytes) {
      out.add(envelope(tenant, receivedAt, trace, plain, payload));
    } else if (group.size() == 1) {
      tooLarge.add(group.get(0));
    } else {
      int half = group.size() / 2;
      split(tenant, receivedAt, trace, group.subList(0, half), out, tooLarge);
      split(tenant, receivedAt, trace, group.subList(half, group.size()), out, tooLarge);
    }
  }

  private static Envelope envelope(
      TenantId tenant, Instant receivedAt, TraceId trace, List<IngestItem> items, byte[] payload) {
    Set<ItemType> types = EnumSet.noneOf(ItemType.class);
    items.forEach(i -> types.add(i.itemType()));
    return new Envelope(
        EnvelopeId.random(),
        tenant,
        receivedAt,
        MessageType.of(types),
        tenant.value() + ":" + trace.value(),
        payload,
        Digests.sha256Hex(payload),
        1);
  }
}
