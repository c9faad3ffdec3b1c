package dev.cutover.plan;

import static dev.cutover.plan.PlanFixtures.load;
import static dev.cutover.plan.PlanFixtures.onlyError;
import static dev.cutover.plan.PlanFixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.Plan;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** YAML aliases resolve or fail with their path; no input makes the parser quadratic or unbounded. */
class YamlLimitsTest {

  @Test
  void anUndefinedAliasIsAnErrorAtItsFieldPath() {
    // Jackson hands the alias over as the text "api-prod": without this check the plan was "valid"
    PlanLoad load = load(validWith("name: api-prod", "name: *api-prod"));

    PlanProblem p = onlyError(load, "name", "`*api-prod` is a YAML alias");
    assertThat(p.fix()).contains("\"*api-prod\"");
  }

  @Test
  void anAliasInAListIsReportedWithItsIndex() {
    PlanLoad load = load(validWith("alarms: [api-aws-5xx-rate, api-aws-p99-latency]",
        "alarms: [&five api-aws-5xx-rate, *five]"));

    onlyError(load, "gates.alarms[1]", "`*five` is a YAML alias");
  }

  @Test
  void aQuotedStarIsTextNotAnAlias() {
    PlanLoad load = load(validWith("alarms: [api-aws-5xx-rate, api-aws-p99-latency]",
        "alarms: [api-aws-5xx-rate, \"*p99\"]"));

    assertThat(load.problems()).isEmpty();
    assertThat(load.plan().orElseThrow().gates().alarms()).containsExactly("api-aws-5xx-rate", "*p99");
  }

  @Test
  @Timeout(10)
  void aBillionLaughsIsOneErrorPerAliasAndNeverExpanded() {
    StringBuilder yaml = new StringBuilder("l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      yaml.append("l").append(i).append(": &l").append(i).append(" [")
          .append(String.join(", ", Collections.nCopies(10, "*l" + (i - 1)))).append("]\n");
    }

    PlanLoad load = load(yaml.toString());

    assertThat(load.errors()).hasSize(80).allSatisfy(p -> assertThat(p.message()).contains("is a YAML alias"));
  }

  @Test
  @Timeout(10)
  void moreValuesThanAPlanCanHoldAreRefused() {
    PlanLoad load = load("gates: {alarms: [" + "a,".repeat(YamlTree.MAX_VALUES) + "a]}");

    assertThat(load.errors()).singleElement().satisfies(p -> assertThat(p.message())
        .contains("more than " + YamlTree.MAX_VALUES + " values"));
  }

  @Test
  @Timeout(10)
  void valuesNestedTooDeeplyAreRefusedWithoutExhaustingTheStack() {
    PlanLoad load = load("[".repeat(100_000) + "]".repeat(100_000));

    assertThat(load.errors()).singleElement().satisfies(p -> assertThat(p.message())
        .contains("nested more than " + YamlTree.MAX_DEPTH + " levels deep"));
  }

  @Test
  void aNumberWithHundredsOfDigitsIsRefusedAsBeyondAPlan() {
    PlanLoad load = load(validWith("split: 5,", "split: " + "9".repeat(500) + ","));

    assertThat(load.errors()).singleElement().satisfies(p -> assertThat(p.message())
        .contains("beyond what a plan can hold").doesNotContain("StreamReadConstraints"));
  }

  /**
   * A plan just under the 1 MiB file limit, in the shapes that are slowest to scan (one long line, many keys,
   * long flow collections), parses in seconds: the size limit is what bounds the parser's time.
   */
  @Test
  @Timeout(30)
  void plansJustUnderTheSizeLimitParseWithinSeconds() {
    int n = PlanFile.MAX_BYTES - 64;
    List<String> shapes = List.of(
        "name: " + "a".repeat(n),
        "{" + IntStream.range(0, n / 12).mapToObj(i -> "a" + i + ": b").collect(Collectors.joining(",")) + "}",
        IntStream.range(0, n / 12).mapToObj(i -> "k" + i + ": 1\n").collect(Collectors.joining()),
        "gates: {alarms: [" + "a,".repeat(n / 2 - 20) + "a]}");
    for (String yaml : shapes) {
      long start = System.nanoTime();
      PlanLoad load = load(yaml);
      long millis = (System.nanoTime() - start) / 1_000_000;

      assertThat(load.hasErrors()).isTrue();
      assertThat(millis).as("parse time of a %d-byte plan starting %s", yaml.length(), yaml.substring(0, 20))
          .isLessThan(10_000);
    }
  }
}
