package io.ovpo.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** docs/api.md is generated from spec/v0.08/openapi.yaml and must not drift from it. */
class ApiDocTest {
  @Test
  void apiDoc_isUpToDateWithTheOpenApiDocument() throws Exception {
    GeneratedDoc.check("docs/api.md", ApiDoc.render(OpenApiDocument.load()), "ApiDocTest");
  }

  @Test
  void apiDoc_hasOneRowPerDocumentedOperation() throws Exception {
    OpenApiDocument doc = OpenApiDocument.load();
    String rendered = ApiDoc.render(doc);
    for (OpenApiDocument.Operation op : doc.operations()) {
      assertThat(rendered).contains("| `" + op.method() + "` | `" + op.path() + "` |");
    }
  }

  @Test
  void everyOperation_statesItsPermissionTagAndResponses() throws Exception {
    for (OpenApiDocument.Operation op : OpenApiDocument.load().operations()) {
      assertThat(op.node().path("x-ovpo-permission").asText()).as(op.toString()).isNotBlank();
      assertThat(op.tag()).as(op.toString()).isNotBlank();
      assertThat(op.statuses()).as(op.toString()).isNotEmpty();
      if (!op.isPublic()) {
        assertThat(op.statuses()).as(op.toString()).contains(401, 429);
      }
    }
  }
}
