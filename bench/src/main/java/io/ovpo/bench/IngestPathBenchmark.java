package io.ovpo.bench;

import io.ovpo.adapter.inmemory.InMemoryAdapters;
import io.ovpo.core.service.IngestService;
import io.ovpo.core.service.IngestSettings;
import io.ovpo.ports.in.IngestCommand;
import io.ovpo.ports.model.IngestReceipt;
import io.ovpo.ports.model.KeyId;
import io.ovpo.ports.model.Principal;
import io.ovpo.ports.model.RequestContext;
import io.ovpo.ports.model.Role;
import io.ovpo.ports.model.TenantId;
import io.ovpo.ports.out.Delivery;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.QueueConsumer;
import io.ovpo.wire.BatchDecoder;
import io.ovpo.wire.DecodedBatch;
import io.ovpo.wire.JsonItemCodec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The collector's per-item path without HTTP: a decoded body of {@value #ITEMS} frame events (10
 * traces × 100 frames) goes through the strict JSON parse, each item's JSON Schema and model reader
 * ({@link BatchDecoder}), then core's semantic rules, envelope packing and the publish to the
 * in-memory queue ({@link IngestService}). Scores are per item (events/s).
 *
 * <p>{@code validateAndEnqueue} also acks what it queued (a consumer poll per batch), so the
 * bounded queue never fills; that adds a little work the real collector does not do.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class IngestPathBenchmark {
  static final int ITEMS = 1000;

  @Param({"10"})
  public int traces;

  private BatchDecoder decoder;
  private InMemoryAdapters memory;
  private IngestService ingest;
  private Principal principal;
  private byte[] body;

  @Setup(Level.Trial)
  public void setUp() {
    decoder = BatchDecoder.fromClasspath();
    memory = InMemoryAdapters.builder().build();
    ingest =
        new IngestService(
            memory.idempotencyStore(),
            memory.ingestQueue(),
            new JsonItemCodec(),
            Clock.systemUTC(),
            MetricsRecorder.noop(),
            IngestSettings.defaults());
    principal = new Principal(TenantId.of("bench"), KeyId.random(), Role.DEVELOPER, "key:bench");
    body = new FrameBatches(42).body(traces, ITEMS / traces);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    memory.close();
  }

  /** Each benchmark thread acks with its own consumer (consumers are single-threaded). */
  @State(Scope.Thread)
  public static class Drain {
    QueueConsumer consumer;

    @Setup(Level.Trial)
    public void join(IngestPathBenchmark b) {
      consumer = b.memory.ingestQueue().consumer("bench");
    }

    @TearDown(Level.Trial)
    public void leave() {
      consumer.close();
    }
  }

  /** Strict parse, schema and model reading of every item. */
  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public DecodedBatch decode() {
    return decoder.decode(body);
  }

  /**
   * The whole path: decode, semantic rules, packing, publish (and ack, to keep the queue empty).
   */
  @Benchmark
  @OperationsPerInvocation(ITEMS)
  public IngestReceipt validateAndEnqueue(Drain drain) {
    DecodedBatch batch = decoder.decode(body);
    IngestReceipt receipt =
        ingest.ingest(
            new IngestCommand(
                principal,
                RequestContext.of("bench"),
                Instant.now(),
                Optional.empty(),
                batch.bodySha256(),
                batch.items()));
    List<Delivery> queued = drain.consumer.poll(1000, Duration.ZERO);
    queued.forEach(Delivery::ack);
    return receipt;
  }
}
