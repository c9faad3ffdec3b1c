package dev.cutover.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DrainConfigTest {
  private static final Map<String, String> ENV = Map.of("MYAPP_DRAIN_SECRET", "s3cr3t-s3cr3t-s3cr3t",
      "SHORT", "tiny");

  @Test
  void readsEachAppsSecretFromTheNamedVariable() {
    assertThat(DrainConfig.secrets(List.of("myapp=MYAPP_DRAIN_SECRET"), ENV::get))
        .containsExactly(Map.entry("myapp", "s3cr3t-s3cr3t-s3cr3t"));
  }

  @Test
  void refusesWhatIsNotAppEqualsVariable() {
    assertThatThrownBy(() -> DrainConfig.secrets(List.of("myapp"), ENV::get))
        .hasMessageContaining("is not APP=ENV_VAR").hasMessageContaining("--drain myapp=MYAPP_DRAIN_SECRET");
    assertThatThrownBy(() -> DrainConfig.secrets(List.of("My App=X"), ENV::get)).hasMessageContaining("APP=ENV_VAR");
  }

  @Test
  void aMissingVariableSaysHowToSetIt() {
    assertThatThrownBy(() -> DrainConfig.secrets(List.of("myapp=NOT_SET"), ENV::get))
        .hasMessageContaining("NOT_SET is not set").hasMessageContaining("openssl rand -hex 24");
  }

  @Test
  void aSecretGivenInPlaceOfTheVariableNameIsNeverEchoed() {
    assertThatThrownBy(() -> DrainConfig.secrets(List.of("myapp=hunter2abcdefghijklmnop"), ENV::get))
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("hunter2"))
        .hasMessageContaining("NAME, never the secret");
  }

  @Test
  void refusesShortSecretsAndDuplicateApps() {
    assertThatThrownBy(() -> DrainConfig.secrets(List.of("myapp=SHORT"), ENV::get))
        .hasMessageContaining("shorter than 16").satisfies(e -> assertThat(e.getMessage()).doesNotContain("tiny"));
    assertThatThrownBy(() -> DrainConfig.secrets(List.of("a=MYAPP_DRAIN_SECRET", "a=MYAPP_DRAIN_SECRET"), ENV::get))
        .hasMessageContaining("twice");
  }
}
