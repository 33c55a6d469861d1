package io.ovpo.adapter.nats;

import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.api.DiscardPolicy;
import io.nats.client.api.RetentionPolicy;
import io.nats.client.api.StreamConfiguration;
import java.io.IOException;

/**
 * Creates the ingest stream and its dead-letter stream when they do not exist. An existing stream
 * is left as the operator configured it.
 */
final class NatsTopology {
  /** JetStream API error codes. */
  static final int STREAM_NOT_FOUND = 10059;

  static final int STREAM_NAME_IN_USE = 10058;

  private NatsTopology() {}

  static void ensure(JetStreamManagement jsm, NatsSettings s)
      throws IOException, JetStreamApiException {
    ensure(
        jsm,
        StreamConfiguration.builder()
            .name(s.stream())
            .description("OVPO ingest queue: envelopes from collectors, partitioned by tenant")
            .subjects(s.subjectFilter())
            .storageType(s.storage())
            .replicas(s.replicas())
            .retentionPolicy(RetentionPolicy.Limits)
            // never drop unprocessed envelopes silently: a full stream rejects the publish
            .discardPolicy(DiscardPolicy.New)
            .maxAge(s.maxAge())
            .duplicateWindow(s.duplicateWindow())
            .build());
    ensure(
        jsm,
        StreamConfiguration.builder()
            .name(s.deadLetterStream())
            .description("OVPO dead letters: envelopes that exhausted deliveries or cannot be read")
            .subjects(s.deadLetterSubject())
            .storageType(s.storage())
            .replicas(s.replicas())
            .retentionPolicy(RetentionPolicy.Limits)
            .maxAge(s.deadLetterMaxAge())
            .duplicateWindow(s.duplicateWindow())
            .build());
  }

  private static void ensure(JetStreamManagement jsm, StreamConfiguration config)
      throws IOException, JetStreamApiException {
    try {
      jsm.getStreamInfo(config.getName());
    } catch (JetStreamApiException e) {
      if (e.getApiErrorCode() != STREAM_NOT_FOUND) {
        throw e;
      }
      try {
        jsm.addStream(config);
      } catch (JetStreamApiException raced) {
        // another process created it between our look-up and our create
        if (raced.getApiErrorCode() != STREAM_NAME_IN_USE) {
          throw raced;
        }
      }
    }
  }
}
