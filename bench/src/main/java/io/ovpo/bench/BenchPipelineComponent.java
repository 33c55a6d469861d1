package io.ovpo.bench;

import dagger.BindsInstance;
import dagger.Component;
import io.ovpo.app.collector.CollectorApp;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.wiring.Backends;
import io.ovpo.app.common.wiring.BackendsModule;
import io.ovpo.app.common.wiring.CoreModule;
import io.ovpo.app.common.wiring.InfrastructureModule;
import io.ovpo.ports.in.ProcessEnvelopeUseCase;
import io.ovpo.ports.out.IngestQueue;
import io.ovpo.ports.out.MetricsRecorder;
import javax.inject.Singleton;

/**
 * The collector and the processor's use case on one configuration, so {@link QueueBench} can time
 * each envelope from the collector's receipt to the processor's commit.
 */
@Singleton
@Component(modules = {InfrastructureModule.class, BackendsModule.class, CoreModule.class})
interface BenchPipelineComponent {
  CollectorApp collector();

  IngestQueue queue();

  ProcessEnvelopeUseCase processor();

  MetricsRecorder metrics();

  Backends backends();

  @Component.Factory
  interface Factory {
    BenchPipelineComponent create(@BindsInstance OvpoConfig config);
  }
}
