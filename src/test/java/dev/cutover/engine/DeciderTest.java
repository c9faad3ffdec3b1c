package dev.cutover.engine;

import static dev.cutover.domain.OperatorCommand.Kind.ABORT;
import static dev.cutover.domain.OperatorCommand.Kind.PAUSE;
import static dev.cutover.domain.OperatorCommand.Kind.PROMOTE;
import static dev.cutover.domain.OperatorCommand.Kind.RESUME;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeciderTest {

  @Test
  void happyPathShiftsFiveFiftyHundredAndCompletes() {
    Given g = Given.plan(Plans.standard()).begin();
    assertThat(g.lastAction()).isEqualTo(new Action.Shift(0, Split.of(0), Split.of(5)));
    g.shiftLands().healthyFor(Duration.ofMinutes(10));
    assertThat(g.lastAction()).isEqualTo(new Action.Shift(1, Split.of(5), Split.of(50)));
    g.shiftLands().healthyFor(Duration.ofMinutes(30));
    assertThat(g.lastAction()).isEqualTo(new Action.Shift(2, Split.of(50), Split.of(100)));
    g.shiftLands().healthyFor(Duration.ofHours(1));

    assertThat(g.state.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(g.lastAction()).isEqualTo(new Action.Finish(Phase.COMPLETED, ExitCode.COMPLETED,
        "every step baked healthy; 100% on AWS"));
    assertThat(g.events(CutoverEvent.StepCompleted.class)).extracting(CutoverEvent.StepCompleted::split)
        .containsExactly(Split.of(5), Split.of(50), Split.of(100));
  }

  @Test
  void bakeClockStartsAtInSyncNotAtSubmission() {
    Given g = Given.plan(Plans.standard()).begin();
    g.observe(new Observation.ShiftSubmitted(g.now, "C1", List.of()));
    // ten minutes pass before Route 53 reports INSYNC: none of it counts as bake
    g.after(Duration.ofMinutes(10)).observe(new Observation.ShiftInSync(g.now, "C1"));
    g.healthyFor(Duration.ofMinutes(9));
    assertThat(g.state.phase()).isEqualTo(Phase.BAKING);
    assertThat(g.state.stepIndex()).isZero();
  }

  @Test
  void alarmDuringFiftyPercentBakeRevertsWithinOnePoll() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().healthyFor(Duration.ofMinutes(10))
        .shiftLands().healthyFor(Duration.ofMinutes(5));
    g.poll(Verdict.BREACHED);

    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
    assertThat(g.lastAction()).isInstanceOf(Action.Revert.class);
    CutoverEvent.RevertIntent intent = g.events(CutoverEvent.RevertIntent.class).get(0);
    assertThat(intent.cause()).isEqualTo(RevertCause.GATE);
    assertThat(intent.reason()).contains("50%").contains("api-5xx");

    g.observe(new Observation.RevertSubmitted(g.now, "C9", List.of()));
    g.observe(new Observation.RevertDone(g.now, "C9"));
    assertThat(g.state.phase()).isEqualTo(Phase.ROLLED_BACK);
    assertThat(g.state.split()).isEqualTo(Split.ALL_HEROKU);
    assertThat(((Action.Finish) g.lastAction()).exitCode()).isEqualTo(ExitCode.ROLLED_BACK);
  }

  @Test
  void alarmWhileWaitingForApprovalReverts() {
    Given g = Given.plan(Plans.withApprovalAt50()).begin().shiftLands().healthyFor(Duration.ofMinutes(10));
    assertThat(g.state.phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    g.poll(Verdict.HEALTHY).poll(Verdict.BREACHED);
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
  }

  @Test
  void approvalStepWaitsForResumeThenShifts() {
    Given g = Given.plan(Plans.withApprovalAt50()).begin().shiftLands().healthyFor(Duration.ofMinutes(10));
    g.poll(Verdict.HEALTHY).poll(Verdict.HEALTHY);
    assertThat(g.state.phase()).isEqualTo(Phase.AWAITING_APPROVAL);
    assertThat(g.events(CutoverEvent.ApprovalRequested.class)).hasSize(1);

    g.command(RESUME);
    assertThat(g.events(CutoverEvent.Approved.class)).extracting(CutoverEvent.Approved::by).containsExactly("alice");
    assertThat(g.lastAction()).isEqualTo(new Action.Shift(1, Split.of(5), Split.of(50)));
  }

  @Test
  void inconclusiveHoldsTheBakeClock() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().healthyFor(Duration.ofMinutes(5));
    for (int i = 0; i < 60; i++) {
      g.poll(Verdict.INCONCLUSIVE);
    }
    assertThat(g.state.phase()).isEqualTo(Phase.BAKING);
    assertThat(g.state.baked()).isLessThan(Duration.ofMinutes(6));
    g.healthyFor(Duration.ofMinutes(6));
    assertThat(g.state.stepIndex()).isEqualTo(1);
  }

  @Test
  void unknownLimitReadingsInARowRevert() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands();
    g.poll(Verdict.UNKNOWN).poll(Verdict.UNKNOWN).poll(Verdict.HEALTHY).poll(Verdict.UNKNOWN).poll(Verdict.UNKNOWN);
    assertThat(g.state.phase()).as("the streak was broken by a healthy poll").isEqualTo(Phase.BAKING);
    g.poll(Verdict.UNKNOWN);
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
    assertThat(g.events(CutoverEvent.RevertIntent.class).get(0).reason()).contains("3 times in a row");
  }

  @Test
  void unknownHoldsInsteadOfRevertingWhenThePlanSaysHold() {
    Given g = Given.plan(Plans.holdingOnUnknown()).begin().shiftLands();
    for (int i = 0; i < 100; i++) {
      g.poll(Verdict.UNKNOWN);
    }
    assertThat(g.state.phase()).isEqualTo(Phase.BAKING);
    assertThat(g.state.baked()).isZero();
  }

  @Test
  void pauseHoldsTheBakeAndResumeContinuesIt() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().healthyFor(Duration.ofMinutes(4));
    g.command(PAUSE);
    for (int i = 0; i < 100; i++) {
      g.poll(Verdict.HEALTHY);
    }
    assertThat(g.state.phase()).isEqualTo(Phase.PAUSED);
    assertThat(g.state.baked()).isLessThanOrEqualTo(Duration.ofMinutes(4));
    g.command(RESUME).healthyFor(Duration.ofMinutes(6)).poll(Verdict.HEALTHY);
    assertThat(g.state.stepIndex()).isEqualTo(1);
  }

  @Test
  void breachWhilePausedStillReverts() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().command(PAUSE).poll(Verdict.BREACHED);
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
  }

  @Test
  void promoteSkipsTheRestOfTheBakeOnlyWhenGatesAreHealthy() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().poll(Verdict.HEALTHY).command(PROMOTE);
    g.poll(Verdict.INCONCLUSIVE);
    assertThat(g.state.stepIndex()).as("not promoted on an inconclusive reading").isZero();
    g.poll(Verdict.HEALTHY);
    assertThat(g.state.phase()).isEqualTo(Phase.SHIFTING);
    assertThat(g.events(CutoverEvent.StepCompleted.class).get(0).promoted()).isTrue();
  }

  @Test
  void promoteNeverSkipsTheDnsSettleTime() {
    Plan base = Plans.standard();
    Plan settling = new Plan(base.name(), base.zone(), base.records(), base.steps(), base.gates(), base.maxTtl(),
        Duration.ofMinutes(3), base.faults());
    Given g = Given.plan(settling).begin().shiftLands().poll(Verdict.HEALTHY).command(PROMOTE)
        .healthyFor(Duration.ofMinutes(2));
    assertThat(g.state.stepIndex()).as("still within the settle time").isZero();
    assertThat(g.state.phase()).isEqualTo(Phase.BAKING);
    g.healthyFor(Duration.ofMinutes(1)).poll(Verdict.HEALTHY);
    assertThat(g.events(CutoverEvent.StepCompleted.class)).singleElement()
        .satisfies(s -> assertThat(s.promoted()).isTrue());
  }

  @Test
  void conflictOnShiftEndsWithoutOverwritingAndExitSix() {
    Given g = Given.plan(Plans.standard()).begin();
    g.observe(new Observation.ShiftRejected(g.now, List.of("api.example.com. CNAME [heroku]: expected 100, found 70")));
    assertThat(g.state.phase()).isEqualTo(Phase.CONFLICT);
    assertThat(g.actions).noneMatch(a -> a instanceof Action.Revert);
    assertThat(((Action.Finish) g.lastAction()).exitCode()).isEqualTo(ExitCode.CONFLICT);
    assertThat(g.events(CutoverEvent.Conflict.class).get(0).details().get(0)).contains("found 70");
  }

  @Test
  void manualRevertToHerokuWhileBakingEndsAsStoppedByOperator() {
    Plan plan = Plans.standard();
    Given g = Given.plan(plan).begin().shiftLands().poll(Verdict.HEALTHY, Given.worldAt(plan, 95, 5));
    assertThat(g.state.phase()).isEqualTo(Phase.BAKING);
    g.poll(Verdict.HEALTHY, Given.worldAt(plan, 100, 0));
    assertThat(g.state.phase()).isEqualTo(Phase.ABORTED);
    assertThat(g.events(CutoverEvent.Drift.class).get(0).revertedToHeroku()).isTrue();
    assertThat(((Action.Finish) g.lastAction()).exitCode()).isEqualTo(ExitCode.OPERATOR_STOPPED);
  }

  @Test
  void foreignWeightChangeWhileBakingIsDriftWithExitSix() {
    Plan plan = Plans.standard();
    Given g = Given.plan(plan).begin().shiftLands().poll(Verdict.HEALTHY, Given.worldAt(plan, 70, 30));
    assertThat(g.state.phase()).isEqualTo(Phase.CONFLICT);
    assertThat(g.state.reason()).contains("expected heroku=95 aws=5, found heroku=70 aws=30");
  }

  @Test
  void restartAtAJournalledStepBakesItAgainFromScratch() {
    Given g = Given.plan(Plans.standard());
    g.state = CutoverState.ready("c-1", 1, Split.of(50));
    g.begin();
    assertThat(g.state.phase()).isEqualTo(Phase.BAKING);
    assertThat(g.state.baked()).isZero();
    assertThat(g.actions).isEmpty();
    g.healthyFor(Duration.ofMinutes(29));
    assertThat(g.state.stepIndex()).as("a restart never skips the bake").isEqualTo(1);
  }

  @Test
  void shiftFailingPastTheDeadlineRevertsAndEndsFailedSafe() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().healthyFor(Duration.ofMinutes(10));
    g.observe(new Observation.ShiftFailed(g.now, "Throttling: Rate exceeded (deadline 2m passed)"));
    assertThat(g.state.revertCause()).isEqualTo(RevertCause.FAULT);
    g.observe(new Observation.RevertDone(g.now, null));
    assertThat(((Action.Finish) g.lastAction()).exitCode()).isEqualTo(ExitCode.FAILED_SAFE);
  }

  @Test
  void aRevertThatFindsEveryPairOnHerokuJournalsTheReadBack() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().poll(Verdict.BREACHED);
    g.observe(new Observation.RevertFailed(g.now, "timeout: the UPSERT may have landed"));
    g.observe(new Observation.RevertDone(g.now, null));
    assertThat(g.journal.subList(g.journal.size() - 2, g.journal.size())).satisfiesExactly(
        e -> assertThat(e).isEqualTo(new CutoverEvent.ChangeInSync(g.now, Decider.READ_BACK_ALL_HEROKU,
            Split.ALL_HEROKU)),
        e -> assertThat(e).isInstanceOf(CutoverEvent.Finished.class));
  }

  @Test
  void failedRevertIsRetriedNotAbandoned() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().poll(Verdict.BREACHED);
    g.observe(new Observation.RevertFailed(g.now, "503"));
    g.observe(new Observation.RevertFailed(g.now, "503"));
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
    assertThat(g.actions.stream().filter(a -> a instanceof Action.Revert)).hasSize(3);
  }

  @Test
  void abortRevertsAndEndsAsStoppedByOperator() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().command(ABORT);
    assertThat(g.events(CutoverEvent.RevertIntent.class).get(0).trigger()).isEqualTo("operator alice");
    g.observe(new Observation.RevertDone(g.now, "C5"));
    assertThat(g.state.phase()).isEqualTo(Phase.ABORTED);
  }

  @Test
  void lateInSyncAfterARevertBeganChangesNothing() {
    Given g = Given.plan(Plans.standard()).begin();
    g.observe(new Observation.ShiftSubmitted(g.now, "C1", List.of()));
    g.poll(Verdict.BREACHED);
    g.observe(new Observation.ShiftInSync(g.now, "C1"));
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
  }

  @Test
  void onlyVerdictChangesAreJournalled() {
    Given g = Given.plan(Plans.standard()).begin().shiftLands().healthyFor(Duration.ofMinutes(5));
    assertThat(g.events(CutoverEvent.GatesRead.class)).hasSize(1);
  }
}
