package io.ovpo.compliance.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/** Client-side verification of a tenant's audit hash chain (spec 07 §3, §5). */
public final class AuditChain {
  /** The {@code previous_hash} of sequence 1. */
  public static final String GENESIS = "0".repeat(64);

  private static final List<String> HASHED =
      List.of(
          "sequence",
          "tenant_id",
          "action",
          "actor_id",
          "actor_ip",
          "user_agent",
          "timestamp",
          "resource",
          "details",
          "previous_hash");

  private AuditChain() {}

  /** The hashed form of a record: every field but record_hash, null members left out. */
  public static String hashedForm(JsonNode record) {
    ObjectNode form = JsonNodeFactory.instance.objectNode();
    for (String field : HASHED) {
      JsonNode value = record.get(field);
      if (value != null && !value.isNull()) {
        form.set(field, value);
      }
    }
    return CanonicalJson.write(form);
  }

  /** SHA-256 hex of the UTF-8 hashed form. */
  public static String recordHash(JsonNode record) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest(hashedForm(record).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * Checks records in ascending sequence: contiguous sequences, each previous_hash the record
   * before's record_hash (64 zeros before sequence 1; the oldest retained record's own
   * previous_hash is trusted otherwise), each record_hash recomputed.
   *
   * @return the first problem, or empty when the chain is intact
   */
  public static Optional<String> verify(List<JsonNode> ascending) {
    JsonNode previous = null;
    for (JsonNode r : ascending) {
      long seq = r.path("sequence").asLong(-1);
      if (previous == null) {
        if (seq == 1 && !GENESIS.equals(r.path("previous_hash").asText())) {
          return Optional.of("sequence 1: previous_hash must be 64 zeros");
        }
      } else {
        long expected = previous.path("sequence").asLong() + 1;
        if (seq != expected) {
          return Optional.of("sequence " + seq + " follows " + (expected - 1) + ": a gap");
        }
        if (!previous.path("record_hash").asText().equals(r.path("previous_hash").asText())) {
          return Optional.of("sequence " + seq + ": previous_hash is not the record before's hash");
        }
      }
      String recomputed = recordHash(r);
      if (!recomputed.equals(r.path("record_hash").asText())) {
        return Optional.of(
            "sequence "
                + seq
                + ": record_hash "
                + r.path("record_hash").asText()
                + " but the hashed form "
                + hashedForm(r)
                + " hashes to "
                + recomputed);
      }
      previous = r;
    }
    return Optional.empty();
  }
}
