package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The soak after the last step (plan {@code soak:}): watched at 100%, a breach reverts, a restart never shortens it. */
class SoakTest {
  final Plan plan = Plans.soaking(Duration.ofHours(2));

  Given baked() {
    return Given.plan(plan).begin().shiftLands().healthyFor(Duration.ofMinutes(10))
        .shiftLands().healthyFor(Duration.ofMinutes(30)).shiftLands().healthyFor(Duration.ofHours(1));
  }

  void soakFor(Given g, Duration d, Verdict v) {
    for (Duration t = Duration.ZERO; t.compareTo(d) < 0 && !g.state.phase().terminal(); t = t.plus(plan.gates().poll())) {
      g.poll(v);
    }
  }

  @Test
  void afterTheLastStepBakesTheCutoverSoaksInsteadOfCompleting() {
    Given g = baked();
    assertThat(g.state.phase()).isEqualTo(Phase.SOAKING);
    assertThat(g.state.split()).isEqualTo(Split.ALL_AWS);
    assertThat(g.events(CutoverEvent.SoakStarted.class)).singleElement()
        .satisfies(s -> assertThat(s.soak()).isEqualTo(Duration.ofHours(2)));
    assertThat(g.events(CutoverEvent.Finished.class)).isEmpty();
  }

  @Test
  void theSoakCompletesAfterItsTimeWatchedWithProgressJournalledOnTheWay() {
    Given g = baked();
    soakFor(g, Duration.ofHours(2), Verdict.HEALTHY);
    assertThat(g.state.phase()).isEqualTo(Phase.COMPLETED);
    assertThat(g.events(CutoverEvent.Finished.class).get(0).reason()).contains("2h soak passed");
    assertThat(g.events(CutoverEvent.SoakProgress.class)).as("every 2h/48 = 2.5 min").hasSizeBetween(45, 48);
  }

  @Test
  void aNightWithoutTrafficDoesNotHoldTheSoak() {
    Given g = baked();
    soakFor(g, Duration.ofHours(2), Verdict.INCONCLUSIVE);
    assertThat(g.state.phase()).isEqualTo(Phase.COMPLETED);
  }

  @Test
  void aBreachDuringTheSoakRevertsAtOnceExactlyAsDuringAStep() {
    Given g = baked();
    soakFor(g, Duration.ofMinutes(30), Verdict.HEALTHY);
    g.poll(Verdict.BREACHED);
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
    assertThat(g.events(CutoverEvent.RevertIntent.class)).singleElement()
        .satisfies(r -> assertThat(r.cause()).isEqualTo(RevertCause.GATE));
    assertThat(g.lastAction()).isInstanceOf(Action.Revert.class);
  }

  @Test
  void unreadableGatesDuringTheSoakRevertAfterUnknownLimit() {
    Given g = baked();
    g.poll(Verdict.UNKNOWN).poll(Verdict.UNKNOWN).poll(Verdict.UNKNOWN);
    assertThat(g.state.phase()).isEqualTo(Phase.REVERTING);
  }

  @Test
  void weightsChangedByOthersDuringTheSoakAreDrift() {
    Given g = baked();
    g.poll(Verdict.HEALTHY, Given.worldAt(plan, 30, 70));
    assertThat(g.state.phase()).isEqualTo(Phase.CONFLICT);
  }

  @Test
  void unobservedTimeNeverCountsTowardTheSoak() {
    Given g = baked();
    g.poll(Verdict.HEALTHY);
    Duration before = g.state.baked();
    g.after(Duration.ofHours(3)).observe(new Observation.GatesRead(g.now, g.readings(Verdict.HEALTHY)));
    assertThat(g.state.phase()).isEqualTo(Phase.SOAKING);
    assertThat(g.state.baked()).isEqualTo(before.plus(plan.gates().poll()));
  }
}
