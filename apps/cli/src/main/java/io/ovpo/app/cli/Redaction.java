package io.ovpo.app.cli;

import java.util.regex.Pattern;

/**
 * Masks anything shaped like an API key in text ovpo prints about errors, so a key typed into a
 * misspelled option ({@code --api-kye ovpo_...}) is not echoed back by "unknown option".
 */
final class Redaction {
  private static final Pattern KEY = Pattern.compile("(ovpo_[a-z0-9]{8,16}_)[A-Za-z0-9]{32,64}");

  private Redaction() {}

  /** The text with every key's secret replaced by {@code ****}. */
  static String redact(String text) {
    return text == null ? "" : KEY.matcher(text).replaceAll("$1****");
  }
}
