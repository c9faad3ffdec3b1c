package dev.cutover.plan;

import static dev.cutover.plan.PlanFixtures.VALID;
import static dev.cutover.plan.PlanFixtures.load;
import static dev.cutover.plan.PlanFixtures.onlyError;
import static dev.cutover.plan.PlanFixtures.onlyWarning;
import static dev.cutover.plan.PlanFixtures.validWith;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class GateRulesTest {
  private static final String ALARMS = "alarms: [api-aws-5xx-rate, api-aws-p99-latency]";

  @Test
  void rejectsMissingGates() {
    String noGates = VALID.substring(0, VALID.indexOf("gates:"));
    onlyError(load(noGates), "gates", "`gates` is missing", "at least one CloudWatch alarm");
  }

  @Test
  void rejectsMissingOrEmptyAlarms() {
    onlyError(load(validWith("  " + ALARMS + "\n", "")), "gates.alarms", "`alarms` is missing");
    onlyError(load(validWith(ALARMS, "alarms: []")), "gates.alarms", "`alarms` is empty");
  }

  @Test
  void rejectsDuplicateAlarmNames() {
    onlyError(load(validWith(ALARMS, "alarms: [five-xx, p99, five-xx]")), "gates.alarms[2]",
        "alarm `five-xx` is listed twice (also gates.alarms[0])");
  }

  @Test
  void rejectsMoreThanOneHundredAlarms() {
    String alarms = IntStream.range(0, 101).mapToObj(i -> "alarm-" + i).collect(Collectors.joining(", "));
    PlanProblem p = onlyError(load(validWith(ALARMS, "alarms: [" + alarms + "]")), "gates.alarms",
        "101 alarms", "at most 100");
    assertThat(p.fix()).contains("composite");
  }

  @Test
  void rejectsUnknownLimitBelowOne() {
    onlyError(load(validWith("unknownLimit: 3", "unknownLimit: 0")), "gates.unknownLimit",
        "unknownLimit 0 is below 1");
  }

  @Test
  void reportsEveryGateProblemTogether() {
    String yaml = validWith("unknownLimit: 3", "unknownLimit: 0").replace("onUnknown: revert", "onUnknown: skip");

    assertThat(load(yaml).problems()).extracting(PlanProblem::path)
        .containsExactly("gates.unknownLimit", "gates.onUnknown");
  }

  @Test
  void rejectsAPollThatIsNotPositive() {
    onlyError(load(validWith("poll: 10s", "poll: 0s")), "gates.poll", "poll 0s is not positive");
  }

  @Test
  void warnsWhenPollIsLongerThanTheShortestBake() {
    onlyWarning(load(validWith("poll: 10s", "poll: 15m")), "gates.poll",
        "poll 15m is longer than the shortest bake 10m");
  }

  @Test
  void rejectsOnUnknownOtherThanRevertOrHold() {
    PlanProblem p = onlyError(load(validWith("onUnknown: revert", "onUnknown: ignore")), "gates.onUnknown",
        "`ignore` is neither revert nor hold");
    assertThat(p.fix()).contains("onUnknown: revert", "onUnknown: hold");
  }

  @Test
  void rejectsFaultTimesThatAreNotPositiveAndARateThatIsNotANumber() {
    String yaml = VALID + "faults:\n  retryDeadline: 0s\n  route53RatePerSecond: fast\n  inSyncTimeout: 5\n";

    assertThat(load(yaml).problems()).extracting(PlanProblem::path).containsExactly(
        "faults.retryDeadline", "faults.route53RatePerSecond", "faults.inSyncTimeout");
  }

  @Test
  void rejectsARoute53RateThatIsNotPositive() {
    onlyError(load(VALID + "faults: { route53RatePerSecond: 0 }\n"), "faults.route53RatePerSecond",
        "route53RatePerSecond 0.0 is not positive");
  }
}
