package io.ovpo.core.service;

import io.ovpo.ports.error.ErrorCode;
import io.ovpo.ports.error.OvpoException;

/** The Idempotency-Key header format: 1..128 visible ASCII characters (0x21..0x7E). */
final class IdempotencyKeys {
  static final int MAX_LENGTH = 128;

  private IdempotencyKeys() {}

  static boolean valid(String key) {
    if (key.isEmpty() || key.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      if (c < 0x21 || c > 0x7E) {
        return false;
      }
    }
    return true;
  }

  static void check(String key) {
    if (!valid(key)) {
      throw new OvpoException(
          ErrorCode.INVALID_IDEMPOTENCY_KEY,
          "Idempotency-Key must be 1 to 128 visible ASCII characters");
    }
  }
}
