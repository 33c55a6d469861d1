package io.ovpo.adapter.inmemory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The order in which a bounded store's entries arrived; says which ones to evict, oldest first,
 * once there are more than {@code capacity}. Thread-safe.
 */
final class InsertionOrder<K> {
  private final LinkedHashSet<K> order = new LinkedHashSet<>();
  private final long capacity;

  InsertionOrder(long capacity) {
    this.capacity = capacity;
  }

  /** Records {@code key} as newest (unless known) and returns the keys to evict, oldest first. */
  synchronized List<K> add(K key) {
    order.add(key);
    if (order.size() <= capacity) {
      return List.of();
    }
    List<K> victims = new ArrayList<>();
    Iterator<K> it = order.iterator();
    while (order.size() > capacity && it.hasNext()) {
      K oldest = it.next();
      if (!oldest.equals(key)) {
        it.remove();
        victims.add(oldest);
      }
    }
    return victims;
  }

  synchronized void remove(K key) {
    order.remove(key);
  }

  synchronized void removeAll(Collection<K> keys) {
    keys.forEach(order::remove);
  }

  synchronized int size() {
    return order.size();
  }
}
