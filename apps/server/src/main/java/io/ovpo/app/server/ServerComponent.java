package io.ovpo.app.server;

import dagger.BindsInstance;
import dagger.Component;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.wiring.BackendsModule;
import io.ovpo.app.common.wiring.CoreModule;
import io.ovpo.app.common.wiring.InfrastructureModule;
import javax.inject.Singleton;

/**
 * The all-in-one server's object graph, from the same modules the split apps use (the collector,
 * processor and query classes are {@code @Inject}-constructed, so they need no module of their
 * own): configuration in, {@link OvpoServer} out. Backends are whatever the configuration names.
 */
@Singleton
@Component(modules = {InfrastructureModule.class, BackendsModule.class, CoreModule.class})
public interface ServerComponent {
  OvpoServer server();

  /** Builds the graph for one configuration. */
  @Component.Factory
  interface Factory {
    ServerComponent create(@BindsInstance OvpoConfig config);
  }

  static ServerComponent create(OvpoConfig config) {
    return DaggerServerComponent.factory().create(config);
  }
}
