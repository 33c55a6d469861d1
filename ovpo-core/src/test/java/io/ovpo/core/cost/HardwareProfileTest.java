package io.ovpo.core.cost;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ovpo.ports.model.SpanKind;
import java.io.IOException;
import java.io.StringReader;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class HardwareProfileTest {

  private static Properties props(String text) throws IOException {
    Properties p = new Properties();
    p.load(new StringReader(text));
    return p;
  }

  @Test
  void normalize_lowerCasesAndDropsSpacesUnderscoresDashes() {
    assertThat(HardwareProfile.normalize("RTX 4090")).isEqualTo("rtx4090");
    assertThat(HardwareProfile.normalize("rtx_40-90")).isEqualTo("rtx4090");
    assertThat(HardwareProfile.normalize("A10G")).isEqualTo("a10g");
  }

  @Test
  void defaults_areRelativeToH100() {
    HardwareProfile d = HardwareProfile.defaults();
    assertThat(d.name()).isEqualTo("default");
    assertThat(d.version()).isEqualTo("2026.11");
    assertThat(d.factorFor("H100")).isEqualTo(1.0);
    assertThat(d.factorFor("h200")).isEqualTo(1.2);
    assertThat(d.factorFor("B200")).isEqualTo(1.8);
    assertThat(d.factorFor("A100")).isEqualTo(0.6);
    assertThat(d.factorFor("L40S")).isEqualTo(0.45);
    assertThat(d.factorFor("A10G")).isEqualTo(0.2);
    assertThat(d.factorFor("L4")).isEqualTo(0.15);
    assertThat(d.factorFor("T4")).isEqualTo(0.08);
    assertThat(d.factorFor("V100")).isEqualTo(0.25);
    assertThat(d.factorFor("RTX 4090")).isEqualTo(0.35);
    assertThat(d.factorFor("rtx-3090")).isEqualTo(0.2);
    assertThat(d.factorFor("cpu")).isEqualTo(0.02);
  }

  @Test
  void unknownGpuType_getsDefaultFactor() {
    assertThat(HardwareProfile.defaults().factorFor("TPU v5e")).isEqualTo(0.5);
  }

  @Test
  void spanKindWeights_defaultToOne_loadAndEncodeWeighHalf() {
    HardwareProfile d = HardwareProfile.defaults();
    assertThat(d.weightFor(SpanKind.SAMPLING)).isEqualTo(1.0);
    assertThat(d.weightFor(SpanKind.CUSTOM)).isEqualTo(1.0);
    assertThat(d.weightFor(SpanKind.LOAD)).isEqualTo(0.5);
    assertThat(d.weightFor(SpanKind.OUTPUT_ENCODE)).isEqualTo(0.5);
  }

  @Test
  void constructor_normalizesKeys_andRejectsNegativeOrNonFiniteFactors() {
    HardwareProfile p = new HardwareProfile("p", "1", Map.of("RTX 4090", 0.4), 1, Map.of());
    assertThat(p.gpuFactors()).containsOnlyKeys("rtx4090");

    assertThatThrownBy(() -> new HardwareProfile("p", "1", Map.of("h100", -1.0), 1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HardwareProfile("p", "1", Map.of(), Double.NaN, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(
            () -> new HardwareProfile("p", "1", Map.of(), 1, Map.of(SpanKind.LOAD, -0.1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new HardwareProfile("", "1", Map.of(), 1, Map.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fromProperties_readsEveryKey() throws IOException {
    HardwareProfile p =
        HardwareProfile.fromProperties(
            props(
                """
                name = h100-profile
                version = 2026.12
                default_factor = 0.7
                gpu.H100 = 1.0
                gpu.RTX\\ 4090 = 0.3
                weight.LOAD = 0.25
                """));
    assertThat(p.name()).isEqualTo("h100-profile");
    assertThat(p.version()).isEqualTo("2026.12");
    assertThat(p.defaultFactor()).isEqualTo(0.7);
    assertThat(p.gpuFactors()).containsEntry("h100", 1.0).containsEntry("rtx4090", 0.3);
    assertThat(p.weightFor(SpanKind.LOAD)).isEqualTo(0.25);
    assertThat(p.weightFor(SpanKind.OUTPUT_ENCODE)).isEqualTo(1.0);
  }

  @Test
  void fromProperties_rejectsTyposAndBadValues() {
    assertThatThrownBy(
            () -> HardwareProfile.fromProperties(props("name=a\nversion=1\ngpus.h100=1")))
        .hasMessageContaining("gpus.h100");
    assertThatThrownBy(
            () -> HardwareProfile.fromProperties(props("name=a\nversion=1\nweight.GPU=1")))
        .hasMessageContaining("weight.GPU");
    assertThatThrownBy(() -> HardwareProfile.fromProperties(props("name=a\nversion=1\ngpu.h100=x")))
        .hasMessageContaining("gpu.h100");
    assertThatThrownBy(() -> HardwareProfile.fromProperties(props("version=1")))
        .hasMessageContaining("name");
    assertThatThrownBy(
            () ->
                HardwareProfile.fromProperties(props("name=a\nversion=1\ngpu.H100=1\ngpu.h-100=2")))
        .hasMessageContaining("twice");
  }

  @Test
  void registry_alwaysHoldsDefaults_andFallsBackToThem() {
    HardwareProfile custom =
        new HardwareProfile("h100-profile", "1", Map.of("h100", 2.0), 1, Map.of());
    HardwareProfiles profiles = new HardwareProfiles(java.util.List.of(custom));

    assertThat(profiles.get("h100-profile")).isEqualTo(custom);
    assertThat(profiles.get("default")).isEqualTo(HardwareProfile.defaults());
    assertThat(profiles.get("removed-profile")).isEqualTo(HardwareProfile.defaults());
    assertThat(profiles.names()).containsExactly("default", "h100-profile");
    assertThat(HardwareProfiles.defaultsOnly().get("x")).isEqualTo(HardwareProfile.defaults());
  }

  @Test
  void registry_mayReplaceTheDefaultProfile() {
    HardwareProfile own = new HardwareProfile("default", "local-1", Map.of(), 1, Map.of());
    HardwareProfiles profiles = new HardwareProfiles(java.util.List.of(own));
    assertThat(profiles.get("default")).isEqualTo(own);
    assertThat(profiles.get("unknown")).isEqualTo(own);
  }
}
