package dev.cutover.plan;

import static dev.cutover.plan.PlanFixtures.load;
import static dev.cutover.plan.PlanFixtures.onlyError;
import static dev.cutover.plan.PlanFixtures.onlyWarning;
import static dev.cutover.plan.PlanFixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class StepRulesTest {

  @Test
  void rejectsStepsThatDoNotStrictlyIncrease() {
    PlanProblem p = onlyError(load(validWith("split: 50, bake: 30m", "split: 5, bake: 30m")),
        "steps[1].split", "5 is not greater than the previous step's 5");
    assertThat(p.fix()).contains("larger than the one before");
  }

  @Test
  void rejectsASplitOutsideOneToHundred() {
    onlyError(load(validWith("split: 5,", "split: 0,")), "steps[0].split", "split 0 is outside 1..100");
    onlyError(load(validWith("split: 50,", "split: 150,")), "steps[1].split", "split 150 is outside 1..100");
  }

  @Test
  void rejectsALastStepThatDoesNotSendEverythingToAws() {
    PlanProblem p = onlyError(load(validWith("  - { split: 100, bake: 1h }\n", "")),
        "steps[1].split", "the last step sends 50% to AWS, not 100");
    assertThat(p.fix()).contains("split: 100");
  }

  @Test
  void rejectsABakeShorterThanTheSettleTime() {
    PlanProblem p = onlyError(load(validWith("split: 5, bake: 10m", "split: 5, bake: 2m")),
        "steps[0].bake", "bake 2m is shorter than the DNS settle time 3m (maxTtl 60s + 120s");
    assertThat(p.fix()).contains("raise bake to at least 3m", "for rehearsals and tests only", "settle:");
  }

  @Test
  void comparesBakesWithAnExplicitSettle() {
    String yaml = validWith("maxTtl: 60s", "maxTtl: 60s\nsettle: 1h").replace("bake: 10m", "bake: 30m");

    // settle 1h is above the computed 3m: no warning, but every bake under 1h is an error
    assertThat(load(yaml).problems()).extracting(PlanProblem::path)
        .containsExactly("steps[0].bake", "steps[1].bake");
    assertThat(load(yaml).problems().get(0).message()).contains("bake 30m is shorter than settle: 1h");
  }

  @Test
  void warnsThatAnExplicitSettleBelowTheComputedOneIsForRehearsalsAndTests() {
    PlanLoad load = load(validWith("maxTtl: 60s", "maxTtl: 60s\nsettle: 30s"));

    PlanProblem p = onlyWarning(load, "settle", "settle 30s is below the computed 3m");
    assertThat(p.fix()).contains("rehearsals and tests only");
    assertThat(load.plan().orElseThrow().settle()).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void rejectsAPlainNumberAsADurationAskingForAUnit() {
    PlanProblem p = onlyError(load(validWith("bake: 1h", "bake: 90")), "steps[2].bake", "`90` has no unit");
    assertThat(p.fix()).contains("write 90s or 10m");
  }

  @Test
  void rejectsMalformedDurations() {
    PlanProblem p = onlyError(load(validWith("bake: 1h", "bake: 10 min")), "steps[2].bake",
        "`10 min` is not a duration");
    assertThat(p.fix()).contains("90s", "1h30m");
  }

  @Test
  void rejectsMissingOrEmptySteps() {
    String withoutSteps = PlanFixtures.VALID.replaceAll("(?s)steps:.*?gates:", "gates:");
    onlyError(load(withoutSteps), "steps", "`steps` is missing");
    onlyError(load(withoutSteps.replace("gates:", "steps: []\ngates:")), "steps", "`steps` is empty");
  }

  @Test
  void rejectsAStepWithoutBake() {
    onlyError(load(validWith("{ split: 5, bake: 10m }", "{ split: 5 }")), "steps[0].bake", "`bake` is missing");
  }
}
