package dev.cutover.engine;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.Split;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What a person or a pipeline sees of one cutover at a moment: a value built from the supervisor's entry, for the
 * API, the dashboard and {@code status}. Null fields mean "not known yet" (no reading, no run).
 *
 * @param phase the engine's phase, or STARTING while preflight or recovery runs
 * @param labels the plan's labels (team, tier, service), to filter by
 * @param step the current step (0-based), -1 before the first
 * @param bake the current step's bake, or null when not baking
 * @param nextChanges the exact change batch the next shift (or the revert, while reverting) sends, from the last
 *     weights read; empty when none is due
 * @param exitCode once the cutover ended: its exit code; else null
 * @param timing the plan's bake and settle arithmetic for every step
 */
public record CutoverView(
    String plan,
    String zone,
    java.util.Map<String, String> labels,
    String phase,
    int step,
    List<Integer> steps,
    Split split,
    Split target,
    Bake bake,
    List<GateReading> gates,
    Instant gatesAt,
    List<PairState> weights,
    Instant weightsAt,
    List<String> nextChanges,
    String startedBy,
    Instant submittedAt,
    Integer exitCode,
    String message,
    Timing timing) {

  /**
   * @param baked healthy time counted so far (only time fresh readings covered)
   * @param required the step's bake: max(bake, settle)
   * @param settle the DNS settle time included in it
   * @param running whether the bake clock runs now (false while held by a non-healthy reading or a pause)
   */
  public record Bake(Duration baked, Duration required, Duration settle, boolean running) {
    public Duration remaining() {
      Duration left = required.minus(baked);
      return left.isNegative() ? Duration.ZERO : left;
    }
  }

  /**
   * How long each step bakes: max(its own bake, settle), where settle covers the record TTL, client caches and one
   * metric period (written in the plan, or maxTtl + 120 s by default).
   */
  public record Timing(Duration settle, Duration maxTtl, List<StepTiming> steps) {
    static Timing of(Plan plan) {
      List<StepTiming> steps = new java.util.ArrayList<>();
      for (int i = 0; i < plan.steps().size(); i++) {
        var step = plan.step(i);
        steps.add(new StepTiming(step.split().percent(), step.bake(), step.approval(), plan.bakeOf(i)));
      }
      return new Timing(plan.settle(), plan.maxTtl(), List.copyOf(steps));
    }
  }

  /** One step: its split, its own bake, whether it waits for approval, and the bake it gets (max(bake, settle)). */
  public record StepTiming(int split, Duration bake, boolean approval, Duration required) {}

  public static CutoverView of(Supervisor.Entry e) {
    Plan plan = e.plan();
    Optional<CutoverRun> run = e.controller().current();
    CutoverState s = run.map(CutoverRun::state).orElse(null);
    CutoverRun.Seen seen = run.map(CutoverRun::seen).orElse(new CutoverRun.Seen(null, null, null, null));
    Integer exit = null;
    String message = null;
    if (e.result().succeeded()) {
      exit = e.result().result().exit().code();
      message = e.result().result().message();
    } else if (e.result().failed()) {
      exit = 1;
      message = "internal error: " + e.result().cause().getMessage();
    }
    List<Integer> steps = plan.steps().stream().map(x -> x.split().percent()).toList();
    if (s == null) {
      return new CutoverView(plan.name(), plan.zone(), plan.labels(), e.ended() ? "ENDED" : "STARTING", -1, steps,
          null, null, null, seen.readings(), seen.readingsAt(), seen.world(), seen.worldAt(), List.of(),
          e.start().by(), e.submittedAt(), exit, message, Timing.of(plan));
    }
    Bake bake = s.phase() == Phase.BAKING || s.phase() == Phase.PAUSED && s.pausedFrom() == Phase.BAKING
        ? new Bake(s.baked(), plan.bakeOf(s.stepIndex()), plan.settle(),
            s.phase() == Phase.BAKING && s.bakeAnchor() != null)
        : null;
    return new CutoverView(plan.name(), plan.zone(), plan.labels(), s.phase().name(), s.stepIndex(), steps,
        s.split(), s.target(), bake, seen.readings(), seen.readingsAt(), seen.world(), seen.worldAt(),
        nextChanges(plan, s, seen.world()), e.start().by(), e.submittedAt(), exit,
        message != null ? message : s.reason(), Timing.of(plan));
  }

  /** The batch the next shift would send from these weights, or the revert's while reverting. */
  static List<String> nextChanges(Plan plan, CutoverState s, List<PairState> world) {
    if (world == null || world.stream().anyMatch(p -> !p.complete())) {
      return List.of();
    }
    Optional<ChangeBatch> batch = switch (s.phase()) {
      case REVERTING -> ChangeBatches.revert(plan.zone(), world, "revert");
      case BAKING, AWAITING_APPROVAL, PAUSED, READY -> s.stepIndex() + 1 < plan.steps().size()
          ? ChangeBatches.shift(plan.zone(), world, plan.step(s.stepIndex() + 1).split(), "next step")
          : Optional.empty();
      default -> Optional.empty();
    };
    return batch.map(b -> b.changes().stream().map(ChangeBatch.Change::toString).toList()).orElse(List.of());
  }
}
