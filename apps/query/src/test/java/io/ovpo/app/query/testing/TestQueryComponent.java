package io.ovpo.app.query.testing;

import dagger.BindsInstance;
import dagger.Component;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.metrics.PrometheusMetrics;
import io.ovpo.app.common.wiring.CoreModule;
import io.ovpo.app.common.wiring.InfrastructureModule;
import io.ovpo.app.query.QueryApp;
import io.ovpo.ports.in.ProcessEnvelopeUseCase;
import io.ovpo.ports.out.FrameEventStore;
import io.ovpo.ports.out.ItemCodec;
import io.ovpo.ports.out.ObjectStore;
import javax.inject.Singleton;

/**
 * The query app as production wires it, except the backends: in memory, with a tamperable audit
 * log, plus the processor so tests can store data the way the pipeline does. Lives in another
 * package than the app, as the all-in-one server's component will.
 */
@Singleton
@Component(modules = {InfrastructureModule.class, TestBackendsModule.class, CoreModule.class})
interface TestQueryComponent {
  QueryApp app();

  ProcessEnvelopeUseCase processor();

  ItemCodec codec();

  ObjectStore objects();

  FrameEventStore frameEvents();

  TamperingAuditLog auditLog();

  PrometheusMetrics metrics();

  @Component.Factory
  interface Factory {
    TestQueryComponent create(@BindsInstance OvpoConfig config);
  }
}
