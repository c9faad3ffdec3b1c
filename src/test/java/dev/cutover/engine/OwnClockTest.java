package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README "How it behaves": gates run on their own clock, and the world is the truth in every phase on the pure decider:
 * readings are stamped with the time they were asked for, the bake clock counts only observed time, and drift is
 * judged while waiting for INSYNC too.
 */
class OwnClockTest {
  final Plan plan = Plans.standard(); // 5% 10m, poll 10s

  @Test
  void timeNobodyObservedNeverCountsAsHealthyBake() {
    Given g = Given.plan(plan).begin().shiftLands().poll(Verdict.HEALTHY);
    assertThat(g.state.baked()).isEqualTo(Duration.ofSeconds(10));
    // the reads hang for nine minutes (no reading arrives), then one healthy reading
    g.after(Duration.ofMinutes(9)).observe(new Observation.GatesRead(g.now, g.readings(Verdict.HEALTHY)));
    assertThat(g.state.baked()).as("one reading vouches for one poll, not for nine unobserved minutes")
        .isEqualTo(Duration.ofSeconds(20));
    assertThat(g.state.phase()).isEqualTo(Phase.BAKING);
    assertThat(g.state.stepIndex()).isZero();
  }

  @Test
  void stepCompletesOnlyOnAHealthyReadingAskedAfterItsBakeEnded() {
    Given g = Given.plan(plan).begin().shiftLands();
    for (int i = 0; i < 59; i++) {
      g.poll(Verdict.HEALTHY);
    }
    assertThat(g.state.baked()).isEqualTo(Duration.ofSeconds(590));
    assertThat(g.state.stepIndex()).isZero();
    g.poll(Verdict.HEALTHY);
    CutoverEvent.StepCompleted done = g.events(CutoverEvent.StepCompleted.class).get(0);
    assertThat(done.baked()).isEqualTo(Duration.ofMinutes(10));
    assertThat(done.at()).as("completed at the reading that covered the bake's last poll").isEqualTo(g.now);
    assertThat(g.lastAction()).isEqualTo(new Action.Shift(1, Split.of(5), Split.of(50)));
  }

  @Test
  void aReadingAskedBeforeTheStepWentLiveSaysNothingAboutItsBake() {
    Given g = Given.plan(plan).begin();
    Instant askedBeforeInSync = g.now.minusSeconds(1);
    g.shiftLands();
    Instant inSync = g.now;
    g.after(Duration.ofSeconds(5));
    g.observe(new Observation.GatesRead(askedBeforeInSync, g.readings(Verdict.HEALTHY)));
    assertThat(g.state.baked()).isZero();
    assertThat(g.state.bakeAnchor()).as("still anchored at INSYNC").isEqualTo(inSync);
  }

  @Test
  void aBreachAskedBeforeTheStepWentLiveStillReverts() {
    Given g = Given.plan(plan).begin();
    Instant askedBeforeInSync = g.now.minusSeconds(1);
    g.shiftLands().after(Duration.ofSeconds(5));
    g.observe(new Observation.GatesRead(askedBeforeInSync, g.readings(Verdict.BREACHED)));
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
  }

  @Test
  void aStaleReadingAskedBeforeOneAlreadyJudgedChangesNothing() {
    Given g = Given.plan(plan).begin().shiftLands().poll(Verdict.HEALTHY);
    Instant earlier = g.now.minusSeconds(3);
    var before = g.state;
    g.observe(new Observation.GatesRead(earlier, g.readings(Verdict.UNKNOWN)));
    assertThat(g.state).isEqualTo(before);
  }

  @Test
  void anAlarmReadWhileTheShiftWaitsForInSyncRevertsAtOnce() {
    Given g = Given.plan(plan).begin();
    g.observe(new Observation.ShiftSubmitted(g.now, "C1", List.of()));
    g.poll(Verdict.BREACHED);
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
    assertThat(g.lastAction()).isInstanceOf(Action.Revert.class);
  }

  @Test
  void unknownReadingsAtPollPaceRevertAfterUnknownLimit() {
    Given g = Given.plan(plan).begin().shiftLands().poll(Verdict.UNKNOWN).poll(Verdict.UNKNOWN);
    assertThat(g.state.phase()).isEqualTo(Phase.BAKING);
    g.poll(Verdict.UNKNOWN);
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
    assertThat(g.events(CutoverEvent.RevertIntent.class).get(0).reason()).contains("3 times in a row");
  }

  @Test
  void weightsChangedByOthersWhileWaitingForInSyncAreDrift() {
    Given g = Given.plan(plan).begin().shiftLands().healthyFor(Duration.ofMinutes(10));
    g.observe(new Observation.ShiftSubmitted(g.now, "C2", List.of()));
    g.after(Duration.ofSeconds(10)).worldReads(Given.worldAt(plan, 70, 30));

    assertThat(g.state.phase()).isEqualTo(Phase.CONFLICT);
    assertThat(g.state.reason()).contains("expected heroku=95 aws=5 or heroku=50 aws=50, found heroku=70 aws=30");
    assertThat(g.events(CutoverEvent.BakeStarted.class)).as("never baked 50% on a world at 30%").hasSize(1);
  }

  @Test
  void weightsAtEitherSideOfTheAcceptedChangeWhileWaitingForInSyncAreNotDrift() {
    Given g = Given.plan(plan).begin();
    g.observe(new Observation.ShiftSubmitted(g.now, "C1", List.of()));
    g.after(Duration.ofSeconds(1)).worldReads(Given.worldAt(plan, 100, 0));
    g.after(Duration.ofSeconds(1)).worldReads(Given.worldAt(plan, 95, 5));
    assertThat(g.state.phase()).isEqualTo(Phase.SHIFTING);
  }

  @Test
  void aWeightsReadAskedBeforeTheChangeWasAcceptedCannotJudgeIt() {
    Given g = Given.plan(plan).begin().shiftLands().healthyFor(Duration.ofMinutes(10));
    Instant askedAtFivePercent = g.now.minusSeconds(1);
    g.observe(new Observation.ShiftSubmitted(g.now, "C2", List.of()));
    g.observe(new Observation.ShiftInSync(g.now, "C2"));
    g.observe(new Observation.WorldRead(askedAtFivePercent, Given.worldAt(plan, 95, 5)));
    assertThat(g.state.phase()).isEqualTo(Phase.BAKING);
    assertThat(g.state.split()).isEqualTo(Split.of(50));
  }

  @Test
  void manualRevertToHerokuWhileWaitingForInSyncEndsAsStoppedByOperator() {
    Given g = Given.plan(plan).begin().shiftLands().healthyFor(Duration.ofMinutes(10));
    g.observe(new Observation.ShiftSubmitted(g.now, "C2", List.of()));
    g.after(Duration.ofSeconds(10)).worldReads(Given.worldAt(plan, 100, 0));
    assertThat(g.state.phase()).isEqualTo(Phase.ABORTED);
  }
}
