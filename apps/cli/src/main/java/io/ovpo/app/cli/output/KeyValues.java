package io.ovpo.app.cli.output;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A block of {@code name value} lines with the values aligned, for one object's fields. */
public final class KeyValues {
  private final List<Map.Entry<String, String>> entries = new ArrayList<>();

  /** Adds a line; a null or empty value is shown as "-". */
  public KeyValues add(String name, String value) {
    entries.add(Map.entry(name, value == null || value.isEmpty() ? "-" : value));
    return this;
  }

  /** The lines. */
  public List<String> lines() {
    int w = 0;
    for (var e : entries) {
      w = Math.max(w, e.getKey().length());
    }
    List<String> out = new ArrayList<>();
    for (var e : entries) {
      out.add(e.getKey() + " ".repeat(w - e.getKey().length() + 2) + e.getValue());
    }
    return out;
  }
}
