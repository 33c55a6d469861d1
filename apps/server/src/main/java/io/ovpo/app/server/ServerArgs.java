package io.ovpo.app.server;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The command line of {@code java -jar ovpo-server.jar}: everything else is configured with {@code
 * OVPO_*} variables, so the only flags are {@code --demo} (same as {@code OVPO_DEMO=true}) and
 * {@code --help}.
 *
 * @param demo load the demo pipeline's traces at start-up
 * @param help print the usage and exit
 */
public record ServerArgs(boolean demo, boolean help) {
  public static final String USAGE =
      String.join(
          "\n",
          "usage: java -jar ovpo-server.jar [--demo] [--help]",
          "  --demo   send the demo pipeline's traces to this server at start-up (OVPO_DEMO=true)",
          "  --help   print this text",
          "Every setting is an OVPO_* environment variable; see docs/configuration.md.");

  /**
   * @throws IllegalArgumentException for an unknown argument
   */
  public static ServerArgs parse(List<String> args) {
    boolean demo = false;
    boolean help = false;
    for (String a : args) {
      switch (a) {
        case "--demo" -> demo = true;
        case "--help", "-h" -> help = true;
        default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
      }
    }
    return new ServerArgs(demo, help);
  }

  /** The environment with {@code OVPO_DEMO=true} added when {@code --demo} was given. */
  public Map<String, String> applyTo(Map<String, String> env) {
    Map<String, String> out = new TreeMap<>(env);
    if (demo) {
      out.put("OVPO_DEMO", "true");
    }
    return out;
  }
}
