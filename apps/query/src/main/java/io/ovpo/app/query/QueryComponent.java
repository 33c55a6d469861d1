package io.ovpo.app.query;

import dagger.BindsInstance;
import dagger.Component;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.wiring.BackendsModule;
import io.ovpo.app.common.wiring.CoreModule;
import io.ovpo.app.common.wiring.InfrastructureModule;
import javax.inject.Singleton;

/** Wiring of the query executable: configuration in, {@link QueryApp} out. */
@Singleton
@Component(modules = {InfrastructureModule.class, BackendsModule.class, CoreModule.class})
public interface QueryComponent {
  QueryApp app();

  /** Builds the component for a parsed configuration. */
  @Component.Factory
  interface Factory {
    QueryComponent create(@BindsInstance OvpoConfig config);
  }
}
