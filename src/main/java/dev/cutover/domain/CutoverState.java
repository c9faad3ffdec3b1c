package dev.cutover.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the engine knows about one cutover, rebuilt from the journal after a restart.
 *
 * @param stepIndex the current step (-1 before the first)
 * @param split the split the world is known to be at (last change that reached INSYNC)
 * @param target the split being shifted to while SHIFTING, else equal to {@code split}
 * @param changeId the Route 53 change being waited for, or null
 * @param bakeAnchor since when the bake clock runs (null while held)
 * @param baked healthy time accumulated by the current step
 * @param approved whether the step waiting for approval has been approved
 * @param pausedFrom the phase to return to after a pause, or null
 * @param revertCause why the run is reverting, or null
 * @param reason the human reason for the current phase (revert reason, conflict report, ...)
 */
public record CutoverState(
    String cutoverId,
    Phase phase,
    int stepIndex,
    Split split,
    Split target,
    String changeId,
    Instant bakeAnchor,
    Duration baked,
    int unknownStreak,
    boolean promoteRequested,
    boolean approved,
    boolean pauseRequested,
    Phase pausedFrom,
    RevertCause revertCause,
    String reason) {

  public CutoverState {
    Objects.requireNonNull(cutoverId, "cutoverId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(baked, "baked");
  }

  /** A cutover that passed preflight with the world at {@code split} (0 for a fresh run). */
  public static CutoverState ready(String cutoverId, int stepIndex, Split split) {
    return new CutoverState(cutoverId, Phase.READY, stepIndex, split, split, null, null, Duration.ZERO, 0,
        false, false, false, null, null, null);
  }

  public CutoverState to(Phase next) {
    return new CutoverState(cutoverId, phase.requireTransition(next), stepIndex, split, target, changeId,
        bakeAnchor, baked, unknownStreak, promoteRequested, approved, pauseRequested, pausedFrom,
        revertCause, reason);
  }

  public CutoverState shifting(int step, Split to) {
    return new CutoverState(cutoverId, phase.requireTransition(Phase.SHIFTING), step, split, to, null, null,
        Duration.ZERO, unknownStreak, false, false, pauseRequested, null, null, null);
  }

  public CutoverState withChange(String id) {
    return new CutoverState(cutoverId, phase, stepIndex, split, target, id, bakeAnchor, baked, unknownStreak,
        promoteRequested, approved, pauseRequested, pausedFrom, revertCause, reason);
  }

  /** The shift reached INSYNC: the world is at the target and the step starts baking from {@code now}. */
  public CutoverState baking(Instant now) {
    return new CutoverState(cutoverId, phase.requireTransition(Phase.BAKING), stepIndex, target, target, null,
        now, Duration.ZERO, unknownStreak, false, false, false, null, null, null);
  }

  public CutoverState withBake(Instant anchor, Duration total) {
    return new CutoverState(cutoverId, phase, stepIndex, split, target, changeId, anchor, total,
        unknownStreak, promoteRequested, approved, pauseRequested, pausedFrom, revertCause, reason);
  }

  public CutoverState withUnknownStreak(int streak) {
    return new CutoverState(cutoverId, phase, stepIndex, split, target, changeId, bakeAnchor, baked, streak,
        promoteRequested, approved, pauseRequested, pausedFrom, revertCause, reason);
  }

  public CutoverState withPromote(boolean requested) {
    return new CutoverState(cutoverId, phase, stepIndex, split, target, changeId, bakeAnchor, baked,
        unknownStreak, requested, approved, pauseRequested, pausedFrom, revertCause, reason);
  }

  public CutoverState withApproved(boolean ok) {
    return new CutoverState(cutoverId, phase, stepIndex, split, target, changeId, bakeAnchor, baked,
        unknownStreak, promoteRequested, ok, pauseRequested, pausedFrom, revertCause, reason);
  }

  public CutoverState withPauseRequested(boolean requested) {
    return new CutoverState(cutoverId, phase, stepIndex, split, target, changeId, bakeAnchor, baked,
        unknownStreak, promoteRequested, approved, requested, pausedFrom, revertCause, reason);
  }

  public CutoverState paused() {
    return new CutoverState(cutoverId, phase.requireTransition(Phase.PAUSED), stepIndex, split, target,
        changeId, null, baked, unknownStreak, false, approved, false, phase, revertCause, reason);
  }

  public CutoverState resumed(Instant now) {
    Phase back = pausedFrom == null ? Phase.BAKING : pausedFrom;
    return new CutoverState(cutoverId, phase.requireTransition(back), stepIndex, split, target, changeId,
        back == Phase.BAKING ? now : null, baked, unknownStreak, false, approved, false, null, revertCause,
        reason);
  }

  public CutoverState reverting(RevertCause cause, String why) {
    return new CutoverState(cutoverId, phase.requireTransition(Phase.REVERTING), stepIndex, split, target,
        null, null, baked, unknownStreak, false, approved, false, null, cause, why);
  }

  public CutoverState finished(Phase end, Split world, String why) {
    return new CutoverState(cutoverId, phase.requireTransition(end), stepIndex, world, world, null, null,
        baked, unknownStreak, false, approved, false, null, revertCause, why);
  }
}
