package io.ovpo.core.cost;

import io.ovpo.ports.model.SpanKind;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/** Parser of the properties form of a hardware profile. */
final class ProfileProperties {
  private ProfileProperties() {}

  static HardwareProfile parse(Properties p) {
    String name = required(p, "name");
    String version = required(p, "version");
    double defaultFactor = 0.5;
    Map<String, Double> factors = new HashMap<>();
    Map<SpanKind, Double> weights = new EnumMap<>(SpanKind.class);
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).trim();
      if (key.equals("name") || key.equals("version")) {
        continue;
      } else if (key.equals("default_factor")) {
        defaultFactor = number(key, value);
      } else if (key.startsWith("gpu.") && key.length() > 4) {
        String type = key.substring(4);
        if (factors.put(HardwareProfile.normalize(type), number(key, value)) != null) {
          throw new IllegalArgumentException(key + ": gpu type listed twice after normalization");
        }
      } else if (key.startsWith("weight.")) {
        weights.put(kind(key, key.substring(7)), number(key, value));
      } else {
        throw new IllegalArgumentException(
            key + ": unknown key (expected name, version, default_factor, gpu.*, weight.*)");
      }
    }
    return new HardwareProfile(name, version, factors, defaultFactor, weights);
  }

  private static String required(Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw new IllegalArgumentException(key + ": is required");
    }
    return v.trim();
  }

  private static double number(String key, String value) {
    try {
      double d = Double.parseDouble(value);
      if (!Double.isFinite(d) || d < 0) {
        throw new IllegalArgumentException(key + ": must be a finite number >= 0");
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(key + ": not a number: " + value, e);
    }
  }

  private static SpanKind kind(String key, String name) {
    try {
      return SpanKind.valueOf(name);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(key + ": unknown span kind " + name, e);
    }
  }
}
