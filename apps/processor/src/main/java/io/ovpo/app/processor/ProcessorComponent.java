package io.ovpo.app.processor;

import dagger.BindsInstance;
import dagger.Component;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.wiring.BackendsModule;
import io.ovpo.app.common.wiring.CoreModule;
import io.ovpo.app.common.wiring.InfrastructureModule;
import javax.inject.Singleton;

/** The processor's object graph: configuration in, the {@link ProcessorApp} out. */
@Singleton
@Component(modules = {InfrastructureModule.class, BackendsModule.class, CoreModule.class})
public interface ProcessorComponent {
  ProcessorApp app();

  /** Builds the graph for one configuration. */
  @Component.Factory
  interface Factory {
    ProcessorComponent create(@BindsInstance OvpoConfig config);
  }

  static ProcessorComponent create(OvpoConfig config) {
    return DaggerProcessorComponent.factory().create(config);
  }
}
