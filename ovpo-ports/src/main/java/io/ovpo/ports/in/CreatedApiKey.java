package io.ovpo.ports.in;

import io.ovpo.ports.model.ApiKeyRecord;

/** A new key: the stored record and the plaintext, which is shown this once and never again. */
public record CreatedApiKey(ApiKeyRecord record, String apiKey) {
  @Override
  public String toString() {
    return "CreatedApiKey[" + record.keyId() + ", ovpo_" + record.prefix() + "_****]";
  }
}
