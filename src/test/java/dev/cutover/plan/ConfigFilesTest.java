package dev.cutover.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.Plan;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The plans shipped under config/ load as documented. */
class ConfigFilesTest {

  @Test
  void exampleLoadsWithoutErrorsOrWarnings() {
    PlanLoad load = new PlanLoader().load(Path.of("config/example.yaml"));

    assertThat(load.problems()).isEmpty();
    Plan plan = load.plan().orElseThrow();
    assertThat(plan.name()).isEqualTo("api-prod");
    assertThat(plan.records()).hasSize(2);
    assertThat(plan.steps()).extracting(s -> s.split().percent()).containsExactly(5, 50, 100);
    assertThat(plan.settle()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void rehearsalLoadsWithOnlyTheExpectedSettleWarning() {
    PlanLoad load = new PlanLoader().load(Path.of("config/rehearsal.yaml"));

    assertThat(load.problems()).singleElement().satisfies(p -> {
      assertThat(p.isError()).isFalse();
      assertThat(p.path()).isEqualTo("settle");
      assertThat(p.fix()).contains("rehearsals and tests only");
    });
    assertThat(load.plan().orElseThrow().settle()).isEqualTo(Duration.ofSeconds(5));
  }
}
