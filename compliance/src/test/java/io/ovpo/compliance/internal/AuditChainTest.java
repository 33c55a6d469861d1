package io.ovpo.compliance.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Audit hashes recomputed from the spec's rules (07 §3), on records a reference server wrote. */
class AuditChainTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  // sequence 1 of a tenant, by the server itself: actor_ip and user_agent are null
  static final String BOOTSTRAP =
      """
      {"sequence": 1, "tenant_id": "default", "action": "API_KEY_CREATED", "actor_id": "system:bootstrap",
       "actor_ip": null, "user_agent": null, "timestamp": "2026-11-26T01:32:59.623Z",
       "resource": "b5bb0fe3-8f53-42d5-8ca6-c78997c3a5bd",
       "details": {"name": "bootstrap", "prefix": "complian01", "role": "super_admin"},
       "previous_hash": "0000000000000000000000000000000000000000000000000000000000000000",
       "record_hash": "ff05d5a28dda2425e46ed027a47a12e6de6ff24e15a5d2f3c66185dca879fb43"}""";
  static final String R134 =
      """
      {"sequence": 134, "tenant_id": "default", "action": "TRACE_ACCESS", "actor_id": "key:complian01",
       "actor_ip": "127.0.0.1", "user_agent": "ovpo-compliance/0.8", "timestamp": "2026-11-26T01:35:23.805Z",
       "resource": "9eeb7487-0023-434f-8839-53cd45e887a6", "details": {"events_returned": "26"},
       "previous_hash": "90b8078bfa48c6515443207d1c7fde9c17a1343fe8ab7a3ad0e8e1bfcfa16257",
       "record_hash": "ba2d9c834d271ce7bc3c1b4f7d334a93f261e10974faf9652f0bfdc4129f92bf"}""";
  static final String R135 =
      """
      {"sequence": 135, "tenant_id": "default", "action": "TRACE_ACCESS", "actor_id": "key:complian01",
       "actor_ip": "127.0.0.1", "user_agent": "ovpo-compliance/0.8", "timestamp": "2026-11-26T01:35:26.871Z",
       "resource": "9eeb7487-0023-434f-8839-53cd45e887a6", "details": {"events_returned": "26"},
       "previous_hash": "ba2d9c834d271ce7bc3c1b4f7d334a93f261e10974faf9652f0bfdc4129f92bf",
       "record_hash": "a35c5ce9c10b59acc2538e2c3069dce21700d39a990d0ee89b78683e2aeb7646"}""";

  static JsonNode json(String text) throws Exception {
    return JSON.readTree(text);
  }

  @Test
  void hashedForm_sortsMembers_leavesOutNullsAndTheRecordHash() throws Exception {
    assertThat(AuditChain.hashedForm(json(BOOTSTRAP)))
        .isEqualTo(
            "{\"action\":\"API_KEY_CREATED\",\"actor_id\":\"system:bootstrap\","
                + "\"details\":{\"name\":\"bootstrap\",\"prefix\":\"complian01\",\"role\":\"super_admin\"},"
                + "\"previous_hash\":\""
                + "0".repeat(64)
                + "\","
                + "\"resource\":\"b5bb0fe3-8f53-42d5-8ca6-c78997c3a5bd\",\"sequence\":1,"
                + "\"tenant_id\":\"default\",\"timestamp\":\"2026-11-26T01:32:59.623Z\"}");
  }

  @Test
  void serverWrittenRecords_recomputeToTheirHashes() throws Exception {
    assertThat(AuditChain.recordHash(json(BOOTSTRAP)))
        .isEqualTo("ff05d5a28dda2425e46ed027a47a12e6de6ff24e15a5d2f3c66185dca879fb43");
    assertThat(AuditChain.verify(List.of(json(BOOTSTRAP)))).isEmpty();
    assertThat(AuditChain.verify(List.of(json(R134), json(R135)))).isEmpty();
  }

  @Test
  void alteredRecord_breaksTheChainAtThatRecord() throws Exception {
    ObjectNode altered = (ObjectNode) json(R135);
    ((ObjectNode) altered.get("details")).put("events_returned", "27");
    assertThat(AuditChain.verify(List.of(json(R134), altered)))
        .get()
        .asString()
        .startsWith("sequence 135: record_hash");
  }

  @Test
  void gapsAndForeignLinks_areReported() throws Exception {
    ObjectNode gap = (ObjectNode) json(R135);
    gap.put("sequence", 136);
    assertThat(AuditChain.verify(List.of(json(R134), gap))).get().asString().contains("a gap");
    assertThat(AuditChain.verify(List.of(json(BOOTSTRAP), json(R135))))
        .get()
        .asString()
        .contains("follows 1");
    ObjectNode first = (ObjectNode) json(BOOTSTRAP);
    first.put("previous_hash", "1".repeat(64));
    assertThat(AuditChain.verify(List.of(first))).get().asString().contains("64 zeros");
  }

  @Test
  void canonicalJson_escapesLikeEcmaScript() throws Exception {
    JsonNode node =
        json("{\"b\":\"quote \\\" slash / tab \\t bell \\u0007 é\",\"a\":[1,true,null,2.5]}");
    assertThat(CanonicalJson.write(node))
        .isEqualTo("{\"a\":[1,true,null,2.5],\"b\":\"quote \\\" slash / tab \\t bell \\u0007 é\"}");
  }
}
