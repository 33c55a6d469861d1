package io.ovpo.app.collector;

import dagger.BindsInstance;
import dagger.Component;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.wiring.BackendsModule;
import io.ovpo.app.common.wiring.CoreModule;
import io.ovpo.app.common.wiring.InfrastructureModule;
import io.ovpo.ports.in.ApiKeyAdminUseCase;
import io.ovpo.ports.in.AuthenticateUseCase;
import io.ovpo.ports.in.BootstrapUseCase;
import io.ovpo.ports.out.IngestQueue;
import javax.inject.Singleton;

/** The collector's graph with the extra entry points tests need to set up and observe it. */
@Singleton
@Component(modules = {InfrastructureModule.class, BackendsModule.class, CoreModule.class})
interface TestCollectorComponent {
  CollectorApp app();

  BootstrapUseCase bootstrap();

  AuthenticateUseCase auth();

  ApiKeyAdminUseCase apiKeys();

  IngestQueue queue();

  @Component.Factory
  interface Factory {
    TestCollectorComponent create(@BindsInstance OvpoConfig config);
  }
}
