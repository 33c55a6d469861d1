package io.ovpo.app.common.wiring;

import dagger.Module;
import dagger.Provides;
import io.ovpo.app.common.config.ConfigException;
import io.ovpo.app.common.config.OvpoConfig;
import io.ovpo.app.common.config.Setting;
import io.ovpo.app.common.http.ErrorBodyWriter;
import io.ovpo.app.common.metrics.PrometheusMetrics;
import io.ovpo.core.cost.HardwareProfile;
import io.ovpo.core.cost.HardwareProfiles;
import io.ovpo.core.cursor.CursorCodec;
import io.ovpo.core.service.RateTiers;
import io.ovpo.ports.out.ItemCodec;
import io.ovpo.ports.out.MetricsRecorder;
import io.ovpo.ports.out.TraceViewCodec;
import io.ovpo.wire.BatchDecoder;
import io.ovpo.wire.JsonItemCodec;
import io.ovpo.wire.JsonTraceViewCodec;
import io.ovpo.wire.ModelWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Properties;
import javax.inject.Singleton;

/** Process-wide infrastructure: clock, metrics, secrets, codecs, backends, profiles, tiers. */
@Module
public final class InfrastructureModule {
  private InfrastructureModule() {}

  @Provides
  @Singleton
  static Clock clock() {
    return Clock.systemUTC();
  }

  @Provides
  @Singleton
  static SecureRandom random() {
    return new SecureRandom();
  }

  @Provides
  @Singleton
  static PrometheusMetrics prometheus() {
    return new PrometheusMetrics();
  }

  @Provides
  static MetricsRecorder metrics(PrometheusMetrics m) {
    return m;
  }

  @Provides
  @Singleton
  static Secrets secrets(OvpoConfig config, SecureRandom random) {
    return Secrets.from(config, random);
  }

  @Provides
  @Singleton
  static Backends backends(OvpoConfig config, Clock clock, Secrets secrets) {
    return Backends.open(config, clock, secrets.signing());
  }

  @Provides
  @Singleton
  static ItemCodec codec() {
    return new JsonItemCodec();
  }

  @Provides
  @Singleton
  static TraceViewCodec viewCodec() {
    return new JsonTraceViewCodec();
  }

  @Provides
  @Singleton
  static BatchDecoder batchDecoder() {
    return BatchDecoder.fromClasspath();
  }

  @Provides
  static ErrorBodyWriter errorBodies() {
    return ModelWriter::errorBody;
  }

  @Provides
  @Singleton
  static CursorCodec cursors(Secrets secrets, Clock clock) {
    return new CursorCodec(secrets.cursor(), clock, CursorCodec.DEFAULT_TTL);
  }

  @Provides
  @Singleton
  static RateTiers rateTiers(OvpoConfig config) {
    return RateTierParser.parse(
        config.optional(Setting.RATE_TIERS).orElse(""), config.string(Setting.QUERY_RATE));
  }

  @Provides
  @Singleton
  static HardwareProfiles hardwareProfiles(OvpoConfig config) {
    return config
        .optional(Setting.HARDWARE_PROFILE_FILE)
        .map(f -> new HardwareProfiles(List.of(HardwareProfile.defaults(), load(Path.of(f)))))
        .orElseGet(HardwareProfiles::defaultsOnly);
  }

  private static HardwareProfile load(Path file) {
    try (Reader r = Files.newBufferedReader(file)) {
      Properties p = new Properties();
      p.load(r);
      return HardwareProfile.fromProperties(p);
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException(List.of("OVPO_HARDWARE_PROFILE_FILE: " + e.getMessage()));
    }
  }
}
