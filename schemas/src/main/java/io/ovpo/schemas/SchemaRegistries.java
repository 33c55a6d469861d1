package io.ovpo.schemas;

import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.path.PathType;
import java.util.Locale;

/** Builds the networknt registry every OVPO schema is compiled with. */
final class SchemaRegistries {
  /** The keyword under which schemas carry readable messages (as ajv-errors does). */
  static final String ERROR_MESSAGE_KEYWORD = "errorMessage";

  private SchemaRegistries() {}

  static SchemaRegistry create(SchemaSource source) {
    SchemaRegistryConfig config =
        SchemaRegistryConfig.builder()
            .errorMessageKeyword(ERROR_MESSAGE_KEYWORD)
            // 2020-12 makes format an annotation; OVPO asserts it so that 2025-02-30 is rejected.
            .formatAssertionsEnabled(true)
            // Messages must not follow the server's default locale.
            .locale(Locale.ENGLISH)
            .pathType(PathType.JSON_POINTER)
            .build();
    return SchemaRegistry.withDialect(
        Dialects.getDraft202012(),
        builder ->
            builder
                .schemaRegistryConfig(config)
                .resourceLoaders(loaders -> loaders.values(list -> list.add(0, source))));
  }
}
