package io.ovpo.core.service;

import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.model.TraceId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A fixed set of locks, one chosen per (tenant, trace) or per tenant, so workers of one process
 * never race on a trace while unrelated traces proceed in parallel. Other processes are kept apart
 * by the stores' compare-and-set; the locks only cut the retries.
 */
final class LockStripes {
  private final ReentrantLock[] locks;

  LockStripes(int stripes) {
    if (stripes < 1) {
      throw new IllegalArgumentException("stripes must be positive");
    }
    locks = new ReentrantLock[stripes];
    for (int i = 0; i < stripes; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  <T> T withLock(TenantId tenant, TraceId trace, Supplier<T> work) {
    return locked(31 * tenant.hashCode() + trace.hashCode(), work);
  }

  <T> T withTenant(TenantId tenant, Supplier<T> work) {
    return locked(tenant.hashCode(), work);
  }

  private <T> T locked(int h, Supplier<T> work) {
    ReentrantLock lock = locks[Math.floorMod(h ^ (h >>> 16), locks.length)];
    lock.lock();
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }
}
