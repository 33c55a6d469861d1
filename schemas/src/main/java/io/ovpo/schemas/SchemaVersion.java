package io.ovpo.schemas;

/** The wire-contract version these schemas describe, and where they are found. */
public final class SchemaVersion {
  /** Value of the {@code X-OVPO-Schema-Version} header this build accepts. */
  public static final String CURRENT = "0.08";

  /** Name of the request header that carries the schema version. */
  public static final String HEADER = "X-OVPO-Schema-Version";

  /**
   * Prefix of every schema {@code $id}. It names the schemas, it is not fetched: validators map it
   * to {@link #CLASSPATH_FOLDER} or to the {@code schemas/v0.08/} folder of the repository.
   */
  public static final String ID_PREFIX = "https://ovpo.io/schemas/v0.08/";

  /** Folder of the schema files inside the ovpo-schemas jar (no leading slash). */
  public static final String CLASSPATH_FOLDER = "io/ovpo/schemas/v0.08/";

  private SchemaVersion() {}
}
