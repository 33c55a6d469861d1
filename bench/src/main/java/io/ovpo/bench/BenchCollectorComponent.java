package io.ovpo.bench;

import dagger.BindsInstance;
import dagger.Component;
import io.ovpo.app.collector.CollectorApp;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.wiring.BackendsModule;
import io.ovpo.app.common.wiring.CoreModule;
import io.ovpo.app.common.wiring.InfrastructureModule;
import io.ovpo.ports.out.IngestQueue;
import javax.inject.Singleton;

/** The collector's graph, plus its queue so the harness can drain what an in-process run queues. */
@Singleton
@Component(modules = {InfrastructureModule.class, BackendsModule.class, CoreModule.class})
interface BenchCollectorComponent {
  CollectorApp app();

  IngestQueue queue();

  @Component.Factory
  interface Factory {
    BenchCollectorComponent create(@BindsInstance OvpoConfig config);
  }
}
