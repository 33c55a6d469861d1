package io.ovpo.app.cli;

import picocli.CommandLine;

/** {@code ovpo --version}: the jar's Implementation-Version and the wire schema version. */
final class VersionProvider implements CommandLine.IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = OvpoCli.class.getPackage().getImplementationVersion();
    return new String[] {
      "ovpo " + (v == null ? "(development build)" : v), "wire schema version 0.08"
    };
  }

  /** The version for the User-Agent header. */
  static String version() {
    String v = OvpoCli.class.getPackage().getImplementationVersion();
    return v == null ? "dev" : v;
  }
}
