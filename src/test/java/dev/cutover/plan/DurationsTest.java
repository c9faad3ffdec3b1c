package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

  @Test
  void parsesEveryUnitAndCombinationsLargestFirst() {
    assertThat(Durations.parse("90s")).contains(Duration.ofSeconds(90));
    assertThat(Durations.parse("10m")).contains(Duration.ofMinutes(10));
    assertThat(Durations.parse("1h")).contains(Duration.ofHours(1));
    assertThat(Durations.parse("1h30m")).contains(Duration.ofMinutes(90));
    assertThat(Durations.parse("500ms")).contains(Duration.ofMillis(500));
    assertThat(Durations.parse("0s")).contains(Duration.ZERO);
    assertThat(Durations.parse("2m30s")).contains(Duration.ofSeconds(150));
  }

  @Test
  void refusesNumbersWithoutUnitsSpacesWrongOrderAndUnknownUnits() {
    assertThat(Durations.parse("90")).isEmpty();
    assertThat(Durations.parse("10 m")).isEmpty();
    assertThat(Durations.parse("30m1h")).isEmpty();
    assertThat(Durations.parse("1d")).isEmpty();
    assertThat(Durations.parse("-5s")).isEmpty();
    assertThat(Durations.parse("")).isEmpty();
    assertThat(Durations.parse("PT5M")).isEmpty();
  }

  @Test
  void formatsAsAPlanFileWouldWriteIt() {
    assertThat(Durations.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.format(Duration.ofSeconds(60))).isEqualTo("60s");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(Durations.format(Duration.ofMinutes(3))).isEqualTo("3m");
    assertThat(Durations.format(Duration.ofMinutes(90))).isEqualTo("1h30m");
    assertThat(Durations.format(Duration.ofMillis(500))).isEqualTo("500ms");
  }
}
