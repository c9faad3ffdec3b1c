package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a restarted controller does with an unfinished journal and the actual weights. */
class RecoveryTest {
  final Plan plan = Plans.standard();
  final Instant t = Instant.parse("2026-11-21T10:00:00Z");
  final List<CutoverEvent> journal = new ArrayList<>();

  RecoveryTest() {
    journal.add(new CutoverEvent.Started(t, "c-1", "api-prod", "alice", List.of(5, 50, 100)));
    journal.add(new CutoverEvent.PreflightPassed(t, Split.ALL_HEROKU, List.of()));
  }

  void stepLive(int step, int split) {
    journal.add(new CutoverEvent.ShiftIntent(t, step, Split.of(step == 0 ? 0 : plan.step(step - 1).split()
        .percent()), Split.of(split)));
    journal.add(new CutoverEvent.ChangeSubmitted(t, "C" + step, Split.of(split), "shift", List.of()));
    journal.add(new CutoverEvent.ChangeInSync(t, "C" + step, Split.of(split)));
    journal.add(new CutoverEvent.BakeStarted(t, step, Split.of(split), Duration.ofMinutes(10)));
  }

  Recovery.Verdict reconcile(int heroku, int aws) {
    return Recovery.reconcile(plan, journal, Given.worldAt(plan, heroku, aws));
  }

  @Test
  void aJournalEndingInFinishedIsNotUnfinished() {
    journal.add(new CutoverEvent.Finished(t, Phase.COMPLETED, 0, "done"));
    assertThat(Recovery.unfinished(journal)).isEmpty();
    journal.add(new CutoverEvent.Started(t, "c-2", "api-prod", "bob", List.of(5, 50, 100)));
    assertThat(Recovery.unfinished(journal)).hasSize(1);
  }

  @Test
  void aRestartDuringTheSoakResumesItFromItsLastJournalledProgressNeverShorteningIt() {
    Plan soaking = Plans.soaking(Duration.ofHours(48));
    stepLive(0, 5);
    stepLive(1, 50);
    stepLive(2, 100);
    journal.add(new CutoverEvent.StepCompleted(t, 2, Split.of(100), Duration.ofHours(1), false));
    journal.add(new CutoverEvent.SoakStarted(t, Duration.ofHours(48)));
    journal.add(new CutoverEvent.SoakProgress(t, Duration.ofHours(5), Duration.ofHours(48)));

    var v = (Recovery.Verdict.Continue) Recovery.reconcile(soaking, journal, Given.worldAt(soaking, 0, 100));

    assertThat(v.state().phase()).isEqualTo(Phase.SOAKING);
    assertThat(v.state().baked()).isEqualTo(Duration.ofHours(5));
    assertThat(v.state().bakeAnchor()).as("the time nobody watched does not count").isNull();
    assertThat(v.note()).contains("5h of the soak was watched");
  }

  @Test
  void aCutoverAnOperatorPausedStaysPausedAfterARestart() {
    stepLive(0, 5);
    journal.add(new CutoverEvent.OperatorRequest(t, dev.cutover.domain.OperatorCommand.Kind.PAUSE, "alice",
        "paused: bake clock held, gates watched"));

    var v = (Recovery.Verdict.Continue) reconcile(95, 5);

    assertThat(v.pausedBy()).isEqualTo("alice");
    assertThat(v.note()).contains("stays paused, as alice left it");
  }

  @Test
  void aPauseThatWasResumedIsNotRestored() {
    stepLive(0, 5);
    journal.add(new CutoverEvent.OperatorRequest(t, dev.cutover.domain.OperatorCommand.Kind.PAUSE, "alice",
        "paused: bake clock held, gates watched"));
    journal.add(new CutoverEvent.OperatorRequest(t, dev.cutover.domain.OperatorCommand.Kind.RESUME, "bob",
        "resumed: bake clock runs again"));

    assertThat(((Recovery.Verdict.Continue) reconcile(95, 5)).pausedBy()).isNull();
  }

  @Test
  void killedWhileBakingResumesTheSameStepWithAFreshBake() {
    stepLive(0, 5);
    stepLive(1, 50);

    var v = (Recovery.Verdict.Continue) reconcile(50, 50);

    assertThat(v.state().stepIndex()).isEqualTo(1);
    assertThat(v.state().split()).isEqualTo(Split.of(50));
    assertThat(v.awaitChangeId()).isNull();
    assertThat(v.note()).contains("bakes again from the start");
  }

  @Test
  void aChangeInFlightThatLandedIsAwaitedAndItsStepBakesFromTheStart() {
    stepLive(0, 5);
    journal.add(new CutoverEvent.ShiftIntent(t, 1, Split.of(5), Split.of(50)));
    journal.add(new CutoverEvent.ChangeSubmitted(t, "C9", Split.of(50), "shift", List.of()));

    var v = (Recovery.Verdict.Continue) reconcile(50, 50);

    assertThat(v.state().stepIndex()).isEqualTo(1);
    assertThat(v.awaitChangeId()).isEqualTo("C9");
  }

  @Test
  void aChangeInFlightThatNeverLandedIsIssuedAgainFromThePreviousStep() {
    stepLive(0, 5);
    journal.add(new CutoverEvent.ShiftIntent(t, 1, Split.of(5), Split.of(50)));

    var v = (Recovery.Verdict.Continue) reconcile(95, 5);

    assertThat(v.state().stepIndex()).isZero();
    assertThat(v.state().split()).isEqualTo(Split.of(5));
    assertThat(v.note()).contains("did not land");
  }

  @Test
  void anApprovalGivenBeforeTheCrashIsKept() {
    stepLive(0, 5);
    journal.add(new CutoverEvent.ApprovalRequested(t, 1, Split.of(50)));
    journal.add(new CutoverEvent.Approved(t, 1, "alice"));

    var v = (Recovery.Verdict.Continue) reconcile(95, 5);

    assertThat(v.state().approved()).isTrue();
  }

  @Test
  void aJournalledRevertFoundDoneEndsAsItsCauseSays() {
    stepLive(0, 5);
    journal.add(new CutoverEvent.RevertIntent(t, RevertCause.GATE, "gate api-5xx", "alarm breached"));

    var v = (Recovery.Verdict.Reverted) reconcile(100, 0);

    assertThat(v.state().revertCause().ends()).isEqualTo(Phase.ROLLED_BACK);
  }

  @Test
  void aJournalledRevertNotYetDoneIsIssuedAgain() {
    stepLive(0, 5);
    stepLive(1, 50);
    journal.add(new CutoverEvent.RevertIntent(t, RevertCause.OPERATOR, "operator bob", "aborted by bob"));

    var v = (Recovery.Verdict.RevertAgain) reconcile(50, 50);

    assertThat(v.state().phase()).isEqualTo(Phase.REVERTING);
    assertThat(v.state().revertCause()).isEqualTo(RevertCause.OPERATOR);
  }

  @Test
  void weightsTheJournalCannotExplainAreDriftNamingEachRecord() {
    stepLive(0, 5);

    var v = (Recovery.Verdict.Drift) reconcile(70, 30);

    assertThat(v.details()).singleElement().asString()
        .contains("api.example.com. CNAME", "found heroku=70 aws=30", "expects heroku=95 aws=5");
  }

  @Test
  void aRevertToHerokuNobodyJournalledEndsAsStoppedByAnOperatorNeverShiftingAgain() {
    stepLive(0, 5);
    stepLive(1, 50);

    var v = (Recovery.Verdict.RevertedByOthers) reconcile(100, 0);

    assertThat(v.details()).anySatisfy(d -> assertThat(d).contains("found heroku=100 aws=0"));
  }

  @Test
  void aFirstShiftAcceptedByRoute53ButFoundRevertedIsNeverReissued() {
    journal.add(new CutoverEvent.ShiftIntent(t, 0, Split.ALL_HEROKU, Split.of(5)));
    journal.add(new CutoverEvent.ChangeSubmitted(t, "C1", Split.of(5), "shift", List.of()));

    var v = (Recovery.Verdict.RevertedByOthers) reconcile(100, 0);

    assertThat(v.details()).anySatisfy(d -> assertThat(d).contains("accepted change C1", "someone reverted it"));
  }

  @Test
  void aLaterShiftAcceptedByRoute53ButFoundAtThePreviousSplitIsDrift() {
    stepLive(0, 5);
    journal.add(new CutoverEvent.ShiftIntent(t, 1, Split.of(5), Split.of(50)));
    journal.add(new CutoverEvent.ChangeSubmitted(t, "C7", Split.of(50), "shift", List.of()));

    var v = (Recovery.Verdict.Drift) reconcile(95, 5);

    assertThat(v.details()).singleElement().asString().contains("C7", "someone changed them back");
  }

  @Test
  void killedBeforeAnyChangeStartsFromTheFirstStep() {
    var v = (Recovery.Verdict.Continue) reconcile(100, 0);

    assertThat(v.state().stepIndex()).isEqualTo(-1);
    assertThat(v.note()).contains("nothing was changed yet");
  }
}
