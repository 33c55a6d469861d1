package io.ovpo.adapter.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Building the adapters validates settings and opens nothing. */
class RedisAdaptersTest {
  @Test
  void build_opensNoConnection_soAnUnreachableServerIsOnlyReportedByCheck() throws Exception {
    int closedPort = RedisExtension.freePort();
    try (RedisAdapters redis =
        RedisAdapters.builder()
            .url("redis://127.0.0.1:" + closedPort)
            .timeout(Duration.ofMillis(200))
            .build()) {
      assertThat(redis.check().up()).isFalse();
      assertThat(redis.check().component()).isEqualTo("redis");
    }
  }

  @Test
  void build_refusesWhatIsNotARedisUrl() {
    assertThatThrownBy(() -> RedisAdapters.builder().url("http://127.0.0.1:6379").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisAdapters.builder().url("not a url").build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void build_acceptsCredentialsDatabaseAndTls() {
    RedisAdapters.builder().url("redis://:secret@redis.example:6380/2").build().close();
    RedisAdapters.builder().url("rediss://user:secret@redis.example:6380").build().close();
  }

  @Test
  void refusedUrl_neverEchoesThePassword() {
    assertThatThrownBy(() -> RedisAdapters.builder().url("http://:hunter2@host:1").build())
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void build_refusesBadSettings() {
    assertThatThrownBy(() -> RedisAdapters.builder().poolSize(0).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisAdapters.builder().timeout(Duration.ZERO).build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisAdapters.builder().keyPrefix("has space").build())
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> RedisAdapters.builder().untrackedDedupePrefixes(List.of("")).build())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void ttl_isMeasuredOnTheAdaptersClock_roundedUp() {
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T10:00:00Z"), ZoneOffset.UTC);
    Instant now = clock.instant();
    assertThat(Ttl.millisUntil(now.plus(Duration.ofHours(24)), clock)).isEqualTo(86_400_000L);
    assertThat(Ttl.millisUntil(now.plusNanos(1), clock)).isEqualTo(1);
    assertThat(Ttl.millisUntil(now, clock)).isZero();
    assertThat(Ttl.millisUntil(now.minusSeconds(5), clock)).isZero();
    assertThat(Ttl.millisUntil(Instant.MAX, clock)).isEqualTo(Duration.ofDays(3650).toMillis());
  }
}
