package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.GatePolicy.UnknownAction;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Verdict;
import dev.cutover.engine.Observation.GatesRead;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one gate reading means (README, "How it behaves": gates on their own clock). Breached reverts at once in every live phase; Unknown
 * unknownLimit times in a row reverts (or holds, if the plan says so); Inconclusive holds the bake clock; only
 * Healthy advances it.
 *
 * <p>Readings are stamped with the time they were asked for. The bake clock counts only time that fresh readings
 * cover: a Healthy reading vouches for at most one poll interval before it was asked for, so time nobody
 * observed (a hung read, a stalled process) is never counted as healthy. A step completes only on an all-Healthy
 * reading asked for after its bake was complete. A reading asked for before one already judged is stale and
 * changes nothing.
 */
final class GateJudge {
  private final Plan plan;
  private final Decider decider;

  GateJudge(Plan plan, Decider decider) {
    this.plan = plan;
    this.decider = decider;
  }

  Decision judge(CutoverState s, GatesRead r) {
    Phase phase = s.phase();
    Instant askedAt = r.now();
    if (phase == Phase.READY || phase == Phase.REVERTING
        || s.lastReadingAt() != null && askedAt.isBefore(s.lastReadingAt())) {
      return Decision.nothing(s);
    }
    Verdict overall = GateReading.overall(r.readings());
    List<CutoverEvent> events = new ArrayList<>();
    if (overall != s.lastVerdict()) {
      events.add(new CutoverEvent.GatesRead(askedAt, overall, r.readings()));
    }
    int streak = overall == Verdict.UNKNOWN ? s.unknownStreak() + 1 : 0;
    CutoverState read = s.withReading(overall, streak, askedAt);

    if (overall == Verdict.BREACHED) {
      List<GateReading> breached = r.readings().stream().filter(g -> g.verdict() == Verdict.BREACHED).toList();
      return decider.revert(read, askedAt, RevertCause.GATE,
          "gate " + String.join(", ", breached.stream().map(GateReading::gate).toList()),
          "alarm breached at " + s.split() + ": " + String.join("; ",
              breached.stream().map(g -> g.gate() + " (" + g.detail() + ")").toList()), events);
    }
    if (overall == Verdict.UNKNOWN && streak >= plan.gates().unknownLimit()
        && plan.gates().onUnknown() == UnknownAction.REVERT) {
      String detail = r.readings().stream().filter(g -> g.verdict() == Verdict.UNKNOWN)
          .map(g -> g.gate() + ": " + g.detail()).findFirst().orElse("no readings");
      return decider.revert(read, askedAt, RevertCause.GATE, "gates unreadable",
          "gates could not be read " + streak + " times in a row (" + detail + ")", events);
    }
    if (phase == Phase.SOAKING) {
      return soak(read, overall, askedAt, events);
    }
    if (phase != Phase.BAKING) {
      return new Decision(read, events, List.of());
    }
    return bake(read, overall, askedAt, events);
  }

  private Decision bake(CutoverState s, Verdict overall, Instant askedAt, List<CutoverEvent> events) {
    if (s.worldSince() != null && askedAt.isBefore(s.worldSince())) {
      // asked for before the step was live: it says nothing about this bake (a breach was handled above)
      return new Decision(s, events, List.of());
    }
    if (overall != Verdict.HEALTHY) {
      // Could not measure is never healthy: the bake clock stops until a healthy reading.
      return new Decision(s.withBake(null, s.baked()), events, List.of());
    }
    // A healthy reading vouches for at most one poll before it was asked for; after a hold (anchor null) the time
    // before it was not observed healthy and does not count.
    Duration covered = s.bakeAnchor() == null || !askedAt.isAfter(s.bakeAnchor()) ? Duration.ZERO
        : Duration.between(s.bakeAnchor(), askedAt);
    Duration coverage = plan.gates().poll();
    Duration baked = s.baked().plus(covered.compareTo(coverage) > 0 ? coverage : covered);
    CutoverState next = s.withBake(askedAt, baked);
    Duration required = plan.bakeOf(s.stepIndex());
    boolean promoted = s.promoteRequested() && baked.compareTo(plan.settle()) >= 0;
    if (baked.compareTo(required) < 0 && !promoted) {
      // promote skips the rest of the bake, never the DNS settle time: judging earlier judges the old split
      return new Decision(next, events, List.of());
    }
    events.add(new CutoverEvent.StepCompleted(askedAt, s.stepIndex(), s.split(), baked,
        baked.compareTo(required) < 0));
    if (plan.isLastStep(s.stepIndex())) {
      if (plan.lifecycle().soaks()) {
        events.add(new CutoverEvent.SoakStarted(askedAt, plan.lifecycle().soak()));
        return new Decision(next.soaking(askedAt, Duration.ZERO), events, List.of());
      }
      return decider.finish(next, Phase.COMPLETED, s.split(),
          "every step baked healthy; " + s.split() + " on AWS", events, askedAt);
    }
    return decider.startNextStep(next, askedAt, events);
  }

  /**
   * The soak counts the time fresh readings cover while no gate is Breached or Unknown: Inconclusive counts here
   * (a night without traffic leaves alarms INSUFFICIENT_DATA, and the soak is about the stack not failing), time
   * nobody watched never does. Progress is journalled every {@link #soakProgressEvery} so that a restart resumes
   * the soak from there, never shortening it.
   */
  private Decision soak(CutoverState s, Verdict overall, Instant askedAt, List<CutoverEvent> events) {
    if (overall == Verdict.UNKNOWN) {
      return new Decision(s.withBake(null, s.baked()), events, List.of());
    }
    Duration covered = s.bakeAnchor() == null || !askedAt.isAfter(s.bakeAnchor()) ? Duration.ZERO
        : Duration.between(s.bakeAnchor(), askedAt);
    Duration coverage = plan.gates().poll();
    Duration soaked = s.baked().plus(covered.compareTo(coverage) > 0 ? coverage : covered);
    CutoverState next = s.withBake(askedAt, soaked);
    Duration soak = plan.lifecycle().soak();
    if (soaked.compareTo(soak) >= 0) {
      return decider.finish(next, Phase.COMPLETED, s.split(), "every step baked healthy and the "
          + dev.cutover.plan.Durations.format(soak) + " soak passed; " + s.split() + " on AWS", events, askedAt);
    }
    Duration every = soakProgressEvery(soak);
    if (soaked.dividedBy(every) > s.baked().dividedBy(every)) {
      events.add(new CutoverEvent.SoakProgress(askedAt, soaked, soak));
    }
    return new Decision(next, events, List.of());
  }

  /** A 48th of the soak, at least a minute: a restart loses at most that much watched soak. */
  static Duration soakProgressEvery(Duration soak) {
    Duration d = soak.dividedBy(48);
    return d.compareTo(Duration.ofMinutes(1)) < 0 ? Duration.ofMinutes(1) : d;
  }
}
