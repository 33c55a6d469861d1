package io.ovpo.compliance.it;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/** The conformance kit against the all-in-one server with its in-memory adapters. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InMemoryServerComplianceIT {
  private ServerJar server;

  @BeforeAll
  void startTheServer() throws Exception {
    server = ServerJar.start("memory", Map.of());
  }

  @AfterAll
  void stopTheServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @TestFactory
  Stream<DynamicNode> inMemoryServer_passesTheConformanceKit() throws Exception {
    return ComplianceRun.against(server, "memory");
  }
}
