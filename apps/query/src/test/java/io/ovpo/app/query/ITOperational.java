package io.ovpo.app.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.http.OvpoHttpServer;
import io.ovpo.app.query.testing.Http;
import io.ovpo.app.query.testing.HttpAt;
import io.ovpo.app.query.testing.Reply;
import io.ovpo.app.query.testing.TenantKeys;
import io.ovpo.app.query.testing.TestServer;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Health, readiness, metrics, unknown routes and methods; and the production wiring itself. */
class ITOperational {
  static TestServer server;
  static Http http;

  @BeforeAll
  static void start() {
    server = TestServer.start("ITOperational");
    http = server.http();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  void healthReadyAndMetrics_needNoKey() {
    Reply health = http.get("/health", null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("UP");
    Reply ready = http.get("/ready", null);
    assertThat(ready.status()).isEqualTo(200);
    assertThat(ready.json().get("checks").size()).isPositive();

    TenantKeys t = server.newTenant();
    assertThat(http.get("/v1/traces", t.viewer()).status()).isEqualTo(200);
    Reply metrics = http.get("/metrics", null);
    assertThat(metrics.status()).isEqualTo(200);
    assertThat(metrics.header("Content-Type"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("ovpo_query_latency_seconds_count{route=\"/v1/traces\"}")
        .contains("ovpo_db_latency_seconds_count{backend=\"memory\"}")
        .contains("ovpo_http_requests_total{method=\"GET\",route=\"/v1/traces\",status=\"200\"}");
  }

  @Test
  void unknownPath_is404_andWrongMethod_is405WithAllow() {
    Reply unknown = http.get("/v1/nothing-here", null);
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.errorCode()).isEqualTo("NOT_FOUND");

    Reply post = http.post("/v1/traces", null, "{}");
    assertThat(post.status()).isEqualTo(405);
    assertThat(post.errorCode()).isEqualTo("METHOD_NOT_ALLOWED");
    assertThat(post.header("Allow")).contains("GET");
    Reply put = http.put("/v1/admin/api-keys", null, "{}");
    assertThat(put.status()).isEqualTo(405);
    assertThat(put.header("Allow")).contains("GET, POST");
    assertThat(http.delete("/health", null).header("Allow")).contains("GET");
  }

  @Test
  void errorBody_carriesTheRequestIdOfTheHeader() {
    Reply r = http.send(http.request("/v1/traces").header("X-Request-Id", "it-request-0001"));
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.header("X-Request-Id")).contains("it-request-0001");
    assertThat(r.json().at("/error/request_id").asText()).isEqualTo("it-request-0001");
  }

  @Test
  void productionComponent_generatesABootstrapKeyOnce_andServesWithIt() {
    OvpoConfig config =
        OvpoConfig.load(
            Map.of(
                "OVPO_PORT",
                "0",
                "OVPO_BIND_HOST",
                "127.0.0.1",
                "OVPO_BOOTSTRAP_TENANT",
                "boot-tenant"));
    QueryApp app = DaggerQueryComponent.factory().create(config).app();
    Optional<String> key = app.bootstrap();
    assertThat(key).isPresent();
    assertThat(app.bootstrap()).isEmpty();
    OvpoHttpServer running = app.start();
    try {
      Http h = HttpAt.port(running.port());
      Reply tenants = h.get("/v1/admin/tenants", key.get());
      assertThat(tenants.status()).isEqualTo(200);
      assertThat(tenants.body()).contains("boot-tenant");
      assertThat(h.get("/health", null).status()).isEqualTo(200);
    } finally {
      running.stop(Duration.ofSeconds(1));
      app.close();
    }
  }
}
