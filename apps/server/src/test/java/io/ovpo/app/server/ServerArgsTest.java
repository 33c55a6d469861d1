package io.ovpo.app.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ServerArgsTest {
  @Test
  void noArguments_startTheServerWithoutDemo() {
    ServerArgs args = ServerArgs.parse(List.of());
    assertThat(args.demo()).isFalse();
    assertThat(args.help()).isFalse();
    assertThat(args.applyTo(Map.of("OVPO_PORT", "9000"))).isEqualTo(Map.of("OVPO_PORT", "9000"));
  }

  @Test
  void demoFlag_isTheSameAsOvpoDemoTrue() {
    ServerArgs args = ServerArgs.parse(List.of("--demo"));
    assertThat(args.applyTo(Map.of("OVPO_DEMO", "false"))).containsEntry("OVPO_DEMO", "true");
  }

  @Test
  void unknownArgument_isRefusedByName() {
    assertThatThrownBy(() -> ServerArgs.parse(List.of("--dmeo")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("--dmeo");
  }

  @Test
  void help_isRecognisedInBothSpellings() {
    assertThat(ServerArgs.parse(List.of("--help")).help()).isTrue();
    assertThat(ServerArgs.parse(List.of("-h")).help()).isTrue();
  }
}
