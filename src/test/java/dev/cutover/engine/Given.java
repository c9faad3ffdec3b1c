package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import dev.cutover.domain.WeightedRecord;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Given/when/then for the decider on a virtual clock. Every decision is checked against the invariants: a
 * revert is journalled before it is acted on, a shift never skips a step, a terminal state ends with Finish.
 */
final class Given {
  final Decider decider;
  CutoverState state;
  Instant now = Instant.parse("2026-11-21T10:00:00Z");
  final List<CutoverEvent> journal = new ArrayList<>();
  final List<Action> actions = new ArrayList<>();
  private int changes;
  private int lastShiftStep = -1;

  private Given(Plan plan) {
    this.decider = new Decider(plan);
    this.state = CutoverState.ready("c-1", -1, Split.ALL_HEROKU);
  }

  static Given plan(Plan plan) {
    return new Given(plan);
  }

  Given begin() {
    return observe(new Observation.Begin(now));
  }

  /** The driver's happy reaction to a Shift action: submitted, then INSYNC. */
  Given shiftLands() {
    assertThat(lastAction()).isInstanceOf(Action.Shift.class);
    String id = "C" + (++changes);
    observe(new Observation.ShiftSubmitted(now, id, List.of()));
    return observe(new Observation.ShiftInSync(now, id));
  }

  Given after(Duration d) {
    now = now.plus(d);
    return this;
  }

  Given poll(Verdict verdict) {
    return poll(verdict, null);
  }

  /** One poll later: the gates read {@code verdict} and, if {@code world} is given, the weights read as that. */
  Given poll(Verdict verdict, List<PairState> world) {
    after(decider.plan().gates().poll());
    observe(new Observation.GatesRead(now, readings(verdict)));
    return world == null ? this : observe(new Observation.WorldRead(now, world));
  }

  /** The weights read as {@code world}, now. */
  Given worldReads(List<PairState> world) {
    return observe(new Observation.WorldRead(now, world));
  }

  List<GateReading> readings(Verdict verdict) {
    return decider.plan().gates().alarms().stream().map(a -> new GateReading(a, verdict, verdict.name())).toList();
  }

  /** Healthy polls until {@code d} has passed. */
  Given healthyFor(Duration d) {
    Instant until = now.plus(d);
    while (now.isBefore(until) && !state.phase().terminal() && state.phase() == Phase.BAKING) {
      poll(Verdict.HEALTHY);
    }
    return this;
  }

  Given command(OperatorCommand.Kind kind) {
    return observe(new Observation.Command(now, new OperatorCommand(kind, "alice", now)));
  }

  Given observe(Observation o) {
    Decision d = decider.decide(state, o);
    checkInvariants(d);
    state = d.state();
    journal.addAll(d.events());
    actions.addAll(d.actions());
    return this;
  }

  private void checkInvariants(Decision d) {
    for (Action a : d.actions()) {
      if (a instanceof Action.Revert) {
        assertThat(d.events()).as("a revert is journalled as intent first")
            .anyMatch(e -> e instanceof CutoverEvent.RevertIntent || e instanceof CutoverEvent.RevertFailed);
      }
      if (a instanceof Action.Shift shift) {
        assertThat(shift.step()).as("never skip a step").isEqualTo(lastShiftStep + 1);
        assertThat(d.events()).anyMatch(e -> e instanceof CutoverEvent.ShiftIntent);
        lastShiftStep = shift.step();
      }
    }
    if (d.state().phase().terminal() && !state.phase().terminal()) {
      assertThat(d.actions()).anyMatch(a -> a instanceof Action.Finish);
    }
  }

  Action lastAction() {
    return actions.get(actions.size() - 1);
  }

  <T extends CutoverEvent> List<T> events(Class<T> type) {
    return journal.stream().filter(type::isInstance).map(type::cast).toList();
  }

  static List<PairState> worldAt(Plan plan, int herokuWeight, int awsWeight) {
    return plan.records().stream().map(p -> new PairState(p,
        new WeightedRecord(p.name(), p.type(), p.heroku(), herokuWeight, 60L, List.of("h.herokudns.com"), null,
            null),
        new WeightedRecord(p.name(), p.type(), p.aws(), awsWeight, 60L, List.of("alb.amazonaws.com"), null,
            null))).toList();
  }
}
