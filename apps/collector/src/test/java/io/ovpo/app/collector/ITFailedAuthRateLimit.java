package io.ovpo.app.collector;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.testkit.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Requests that fail authentication draw from a per-address bucket the size of the default tier.
 */
class ITFailedAuthRateLimit {
  private TestCollector collector;

  @BeforeEach
  void start() {
    collector = new TestCollector(Map.of("OVPO_RATE_TIERS", "default:3/60s"));
  }

  @AfterEach
  void stop() {
    collector.close();
  }

  private Call.Response unauthenticated() {
    return Call.ingest(collector).key(TestCollector.newKey()).body(new byte[] {'{', '}'}).send();
  }

  @Test
  void failedAuthentication_drawsFromTheAddressBucket_then429() {
    for (int i = 0; i < 3; i++) {
      Call.Response r = unauthenticated();
      assertThat(r.status()).isEqualTo(401);
      assertThat(r.longHeader("X-RateLimit-Limit")).isEqualTo(3);
      assertThat(r.longHeader("X-RateLimit-Remaining")).isEqualTo(2 - i);
    }

    Call.Response limited = unauthenticated();

    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.errorCode()).isEqualTo("RATE_LIMITED");
    assertThat(limited.longHeader("Retry-After")).isGreaterThanOrEqualTo(1);
    assertThat(limited.longHeader("X-RateLimit-Remaining")).isZero();
  }

  @Test
  void methodNotAllowed_reportsTheAddressBucket_withoutTakingAToken() {
    unauthenticated();

    Call.Response first = Call.ingest(collector).method("GET").send();
    Call.Response second = Call.ingest(collector).method("DELETE").send();

    assertThat(first.status()).isEqualTo(405);
    assertThat(first.longHeader("X-RateLimit-Remaining")).isEqualTo(2);
    assertThat(second.longHeader("X-RateLimit-Remaining")).isEqualTo(2);
    assertThat(unauthenticated().longHeader("X-RateLimit-Remaining")).isEqualTo(1);
  }

  @Test
  void aValidKey_isNotLimitedByTheAddressBucket() {
    for (int i = 0; i < 4; i++) {
      unauthenticated();
    }
    String key = collector.tenantKey("unlimited");
    Call.Response r =
        Call.ingest(collector)
            .key(key)
            .body(Batches.bodyOf(Batches.frames(Fixtures.forTest("x"), 1).get(0)))
            .send();
    assertThat(r.status()).as(r.text()).isEqualTo(202);
  }
}
