package io.ovpo.core.service;

import io.ovpo.ports.error.QueueUnavailableException;
import io.ovpo.ports.model.DeadLetter;
import io.ovpo.ports.model.Envelope;
import io.ovpo.ports.model.HealthStatus;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.QueueConsumer;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An ingest queue that refuses the next {@code failures} publishes, records every publish that went
 * through, and can hold a publish until released (to make concurrent requests overlap).
 */
final class FlakyQueue implements IngestQueue {
  final IngestQueue delegate;
  final AtomicInteger failures = new AtomicInteger();
  final AtomicInteger attempts = new AtomicInteger();
  final List<List<Envelope>> published = new CopyOnWriteArrayList<>();
  volatile CountDownLatch gate;

  FlakyQueue(IngestQueue delegate) {
    this.delegate = delegate;
  }

  @Override
  public void publish(List<Envelope> envelopes) {
    attempts.incrementAndGet();
    CountDownLatch g = gate;
    if (g != null) {
      try {
        g.await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new QueueUnavailableException("test-queue", "broker down", null);
    }
    delegate.publish(envelopes);
    published.add(List.copyOf(envelopes));
  }

  int envelopeCount() {
    return published.stream().mapToInt(List::size).sum();
  }

  @Override
  public QueueConsumer consumer(String group) {
    return delegate.consumer(group);
  }

  @Override
  public List<DeadLetter> deadLetters(int max) {
    return delegate.deadLetters(max);
  }

  @Override
  public long depth() {
    return delegate.depth();
  }

  @Override
  public HealthStatus check() {
    return delegate.check();
  }

  @Override
  public void close() {
    delegate.close();
  }
}
