package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.GatePolicy.UnknownAction;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.domain.Verdict;
import dev.cutover.engine.Observation.Polled;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one poll means (README, "How it behaves"): Breached reverts at once in every live phase; Unknown
 * unknownLimit times in a row reverts (or holds, if the plan says so); Inconclusive holds the bake clock; only
 * Healthy advances it. The world read with the poll must match what the controller wrote, else it is drift.
 */
final class GateJudge {
  private final Plan plan;
  private final Decider decider;

  GateJudge(Plan plan, Decider decider) {
    this.plan = plan;
    this.decider = decider;
  }

  Decision judge(CutoverState s, Polled p) {
    Phase phase = s.phase();
    if (phase == Phase.READY || phase == Phase.REVERTING) {
      return Decision.nothing(s);
    }
    Instant now = p.now();
    Verdict overall = GateReading.overall(p.readings());
    List<CutoverEvent> events = new ArrayList<>();
    if (overall != s.lastVerdict()) {
      events.add(new CutoverEvent.GatesRead(now, overall, p.readings()));
    }
    int streak = overall == Verdict.UNKNOWN ? s.unknownStreak() + 1 : 0;
    CutoverState read = s.withReading(overall, streak);

    if (overall == Verdict.BREACHED) {
      List<String> breached = p.readings().stream().filter(r -> r.verdict() == Verdict.BREACHED)
          .map(r -> r.gate() + " (" + r.detail() + ")").toList();
      return decider.revert(read, now, RevertCause.GATE, "gate " + String.join(", ", breached.stream()
              .map(b -> b.substring(0, b.indexOf(" ("))).toList()),
          "alarm breached at " + s.split() + ": " + String.join("; ", breached), events);
    }
    if (overall == Verdict.UNKNOWN && streak >= plan.gates().unknownLimit()
        && plan.gates().onUnknown() == UnknownAction.REVERT) {
      String detail = p.readings().stream().filter(r -> r.verdict() == Verdict.UNKNOWN)
          .map(r -> r.gate() + ": " + r.detail()).findFirst().orElse("no readings");
      return decider.revert(read, now, RevertCause.GATE, "gates unreadable",
          "gates could not be read " + streak + " times in a row (" + detail + ")", events);
    }
    if (p.world() != null && isStable(phase)) {
      Decision drift = drift(read, p.world(), now, events);
      if (drift != null) {
        return drift;
      }
    }
    if (phase != Phase.BAKING) {
      return new Decision(read, events, List.of());
    }
    return bake(read, overall, now, events);
  }

  private Decision bake(CutoverState s, Verdict overall, Instant now, List<CutoverEvent> events) {
    if (overall != Verdict.HEALTHY) {
      // Could not measure is never healthy: the bake clock stops until a healthy reading.
      return new Decision(s.withBake(null, s.baked()), events, List.of());
    }
    Duration baked = s.bakeAnchor() == null ? s.baked() : s.baked().plus(Duration.between(s.bakeAnchor(), now));
    CutoverState next = s.withBake(now, baked);
    Duration required = plan.bakeOf(s.stepIndex());
    boolean promoted = s.promoteRequested() && baked.compareTo(plan.settle()) >= 0;
    if (baked.compareTo(required) < 0 && !promoted) {
      // promote skips the rest of the bake, never the DNS settle time: judging earlier judges the old split
      return new Decision(next, events, List.of());
    }
    events.add(new CutoverEvent.StepCompleted(now, s.stepIndex(), s.split(), baked,
        baked.compareTo(required) < 0));
    if (plan.isLastStep(s.stepIndex())) {
      return decider.finish(next, Phase.COMPLETED, s.split(),
          "every step baked healthy; " + s.split() + " on AWS", events, now);
    }
    return decider.startNextStep(next, now, events);
  }

  private static boolean isStable(Phase phase) {
    return phase == Phase.BAKING || phase == Phase.AWAITING_APPROVAL || phase == Phase.PAUSED;
  }

  /** Null when every pair is exactly where the controller left it. */
  private Decision drift(CutoverState s, List<PairState> world, Instant now, List<CutoverEvent> events) {
    List<String> details = new ArrayList<>();
    boolean allHeroku = true;
    for (PairState pair : world) {
      if (!pair.isExactly(s.split())) {
        details.add(pair.pair().label() + ": expected heroku=" + s.split().herokuWeight() + " aws="
            + s.split().awsWeight() + ", found " + pair.weights());
      }
      allHeroku &= pair.isExactly(Split.ALL_HEROKU);
    }
    if (details.isEmpty()) {
      return null;
    }
    if (allHeroku) {
      events.add(new CutoverEvent.Drift(now, details, true));
      return decider.finish(s, Phase.ABORTED, Split.ALL_HEROKU,
          "someone else put every record back to 100% Heroku (a manual rollback): stopping", events, now);
    }
    events.add(new CutoverEvent.Drift(now, details, false));
    return decider.finish(s, Phase.CONFLICT, s.split(),
        "weights changed outside this run: " + String.join("; ", details), events, now);
  }
}
