package io.ovpo.app.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs {@code ovpo} in this JVM, as {@code main} would but with a chosen environment (no variable
 * of the machine leaks in, the home folder is a temporary one), capturing both outputs.
 */
final class CliRun {
  private final Map<String, String> env = new HashMap<>();
  private final Path home;

  /**
   * A runner with an empty environment apart from a 100-column UTF-8 terminal.
   *
   * @param home the home folder (a temporary one); profiles go to {@code home/.config/ovpo}
   */
  CliRun(Path home) {
    this.home = home;
    env.put("COLUMNS", "100");
    env.put("LANG", "C.UTF-8");
  }

  /** Sets an environment variable. */
  CliRun env(String name, String value) {
    env.put(name, value);
    return this;
  }

  /** Removes an environment variable. */
  CliRun unset(String name) {
    env.remove(name);
    return this;
  }

  /** Runs one command line. */
  Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        OvpoCli.execute(
            args, new Environment(env, home), new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  /** An exit status and what was printed. */
  record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
