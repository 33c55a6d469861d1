package io.ovpo.compliance.it;

import io.ovpo.adapter.nats.NatsServerExtension;
import io.ovpo.adapter.nats.NatsTestQueue;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * The conformance kit against the all-in-one server on PostgreSQL (a database created for the run
 * and dropped after it) and NATS JetStream (the server of {@link NatsServerExtension}, found or
 * started, with a stream and subjects of the run's own, deleted after it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PostgresNatsServerComplianceIT {
  private FreshDatabase database;
  private NatsTestQueue nats;
  private ServerJar server;

  @BeforeAll
  void startTheBackendsAndTheServer() throws Exception {
    database = FreshDatabase.create();
    nats = NatsTestQueue.create();
    server =
        ServerJar.start(
            "postgres-nats",
            Map.of(
                "OVPO_STORE",
                "postgres",
                "OVPO_PG_URL",
                database.url(),
                "OVPO_PG_USER",
                FreshDatabase.ROLE,
                "OVPO_PG_PASSWORD",
                FreshDatabase.ROLE,
                "OVPO_QUEUE",
                "nats",
                "OVPO_NATS_URL",
                nats.url(),
                "OVPO_NATS_STREAM",
                nats.stream(),
                "OVPO_NATS_SUBJECT_PREFIX",
                nats.subjectPrefix()));
  }

  @AfterAll
  void stopEverything() throws Exception {
    try {
      if (server != null) {
        server.close();
      }
    } finally {
      try {
        if (nats != null) {
          nats.close();
        }
      } finally {
        if (database != null) {
          database.close();
        }
      }
    }
  }

  @TestFactory
  Stream<DynamicNode> postgresAndNatsServer_passesTheConformanceKit() throws Exception {
    return ComplianceRun.against(server, "postgres-nats");
  }
}
