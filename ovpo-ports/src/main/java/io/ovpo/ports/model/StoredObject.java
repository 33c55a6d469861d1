package io.ovpo.ports.model;

import io.ovpo.ports.internal.Checks;

/** Bytes in object storage with their content type. */
public record StoredObject(String key, byte[] data, String contentType) {
  public StoredObject {
    Checks.length("key", key, 1, 2048);
    Checks.notNull("data", data);
    Checks.length("content_type", contentType, 3, 255);
  }
}
