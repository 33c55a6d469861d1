package io.ovpo.app.collector;

import dagger.BindsInstance;
import dagger.Component;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.wiring.BackendsModule;
import io.ovpo.app.common.wiring.CoreModule;
import io.ovpo.app.common.wiring.InfrastructureModule;
import javax.inject.Singleton;

/** The collector's object graph: configuration in, the {@link CollectorApp} out. */
@Singleton
@Component(modules = {InfrastructureModule.class, BackendsModule.class, CoreModule.class})
public interface CollectorComponent {
  CollectorApp app();

  /** Builds the graph for one configuration. */
  @Component.Factory
  interface Factory {
    CollectorComponent create(@BindsInstance OvpoConfig config);
  }

  static CollectorComponent create(OvpoConfig config) {
    return DaggerCollectorComponent.factory().create(config);
  }
}
