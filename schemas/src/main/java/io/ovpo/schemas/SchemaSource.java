package io.ovpo.schemas;

import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.ResourceLoader;
import java.io.FileNotFoundException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Serves the schema documents whose {@code $id} starts with {@link SchemaVersion#ID_PREFIX} from
 * the jar or from a folder, so relative {@code $ref}s between them resolve offline. Any other IRI
 * is left to the validator's own loaders, which do not fetch remote resources.
 */
final class SchemaSource implements ResourceLoader {
  // Only plain file names: a $ref can never climb out of the schema folder.
  private static final Pattern FILE_NAME = Pattern.compile("^[a-z0-9_]+\\.json$");

  private interface Opener {
    InputStream open(String fileName) throws java.io.IOException;
  }

  private final String description;
  private final Opener opener;

  private SchemaSource(String description, Opener opener) {
    this.description = description;
    this.opener = opener;
  }

  /** The copies in the ovpo-schemas jar, under {@link SchemaVersion#CLASSPATH_FOLDER}. */
  static SchemaSource classpath(ClassLoader loader) {
    Objects.requireNonNull(loader, "loader");
    return new SchemaSource(
        "classpath:" + SchemaVersion.CLASSPATH_FOLDER,
        name -> {
          InputStream in = loader.getResourceAsStream(SchemaVersion.CLASSPATH_FOLDER + name);
          if (in == null) {
            throw new FileNotFoundException("classpath:" + SchemaVersion.CLASSPATH_FOLDER + name);
          }
          return in;
        });
  }

  /** The files of a folder such as the repository's {@code schemas/v0.08/}. */
  static SchemaSource directory(Path folder) {
    Path dir = folder.toAbsolutePath().normalize();
    return new SchemaSource(dir.toString(), name -> Files.newInputStream(dir.resolve(name)));
  }

  /** Opens one schema file by name ({@code common.json}). */
  InputStream open(String fileName) throws java.io.IOException {
    if (!FILE_NAME.matcher(fileName).matches()) {
      throw new FileNotFoundException(fileName);
    }
    return opener.open(fileName);
  }

  @Override
  public InputStreamSource getResource(AbsoluteIri iri) {
    String id = iri.toString();
    if (!id.startsWith(SchemaVersion.ID_PREFIX)) {
      return null;
    }
    String name = id.substring(SchemaVersion.ID_PREFIX.length());
    if (!FILE_NAME.matcher(name).matches()) {
      return null;
    }
    return () -> opener.open(name);
  }

  @Override
  public String toString() {
    return description;
  }
}
