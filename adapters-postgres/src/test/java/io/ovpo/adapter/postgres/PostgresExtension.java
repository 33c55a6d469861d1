package io.ovpo.adapter.postgres;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Provides the run's {@link TestDatabase} to test methods and lifecycle methods that declare it:
 * one fresh database per test run (created on first use, dropped when the run ends), on the server
 * at {@code OVPO_TEST_PG_URL} or an embedded PostgreSQL when none is reachable.
 */
public final class PostgresExtension implements ParameterResolver {
  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestDatabase.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(ExtensionContext.Namespace.create(PostgresExtension.class))
        .getOrComputeIfAbsent(
            TestDatabase.class,
            k -> {
              try {
                return TestDatabase.create();
              } catch (Exception e) {
                throw new IllegalStateException("cannot provide a test database: " + e, e);
              }
            },
            TestDatabase.class);
  }
}
