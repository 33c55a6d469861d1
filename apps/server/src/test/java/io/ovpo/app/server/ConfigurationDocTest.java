package io.ovpo.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.ovpo.app.common.config.Setting;
import org.junit.jupiter.api.Test;

/** docs/configuration.md is generated from {@link Setting} and must not drift from it. */
class ConfigurationDocTest {
  @Test
  void configurationDoc_isUpToDateWithEverySetting() throws Exception {
    GeneratedDoc.check("docs/configuration.md", ConfigurationDoc.render(), "ConfigurationDocTest");
  }

  @Test
  void configurationDoc_listsEveryVariableWithItsDefault() {
    String doc = ConfigurationDoc.render();
    for (Setting s : Setting.values()) {
      assertThat(doc).contains("| `" + s.key() + "` | ");
      if (!s.defaultValue().isEmpty()) {
        assertThat(doc).contains("| `" + s.key() + "` | `" + s.defaultValue() + "` |");
      }
    }
  }
}
