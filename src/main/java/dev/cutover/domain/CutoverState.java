package dev.cutover.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything the engine knows about one cutover, rebuilt from the journal after a restart.
 *
 * @param stepIndex the current step (-1 before the first); the step waiting for approval is stepIndex + 1
 * @param split the split the world is known to be at (the last change that reached INSYNC)
 * @param target the split being shifted to while SHIFTING, else equal to {@code split}
 * @param changeId the Route 53 change being waited for, or null
 * @param bakeAnchor the instant up to which the bake is accounted: the bake's start, or the time the last Healthy
 *     reading was asked for (null while held: only the next Healthy reading starts the clock again)
 * @param baked healthy time accumulated by the current step, counting only time that fresh readings cover
 * @param lastVerdict the overall verdict of the previous reading (null before the first)
 * @param lastReadingAt when the last gate reading that was judged was asked for (readings asked earlier are stale)
 * @param worldSince since when the weights the controller expects are what they are (a read of the weights asked
 *     for earlier cannot judge drift)
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
    Verdict lastVerdict,
    Instant lastReadingAt,
    int unknownStreak,
    boolean promoteRequested,
    boolean approved,
    boolean pauseRequested,
    Phase pausedFrom,
    RevertCause revertCause,
    String reason,
    Instant worldSince) {

  public CutoverState {
    Objects.requireNonNull(cutoverId, "cutoverId");
    Objects.requireNonNull(phase, "phase");
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(baked, "baked");
  }

  /** The state of a live cutover is always the world at {@code split}; while SHIFTING, also at {@code target}. */
  public boolean expects(Split world) {
    return world.equals(split) || phase == Phase.SHIFTING && changeId != null && world.equals(target);
  }

  /** A cutover that passed preflight with the world at {@code split} after step {@code stepIndex}. */
  public static CutoverState ready(String cutoverId, int stepIndex, Split split) {
    return new CutoverState(cutoverId, Phase.READY, stepIndex, split, split, null, null, Duration.ZERO, null,
        null, 0, false, false, false, null, null, null, null);
  }

  public CutoverState to(Phase next) {
    Copy c = copy();
    c.phase = phase.requireTransition(next);
    return c.build();
  }

  /** Submitting the change batch of step {@code step}. */
  public CutoverState shifting(int step, Split to) {
    Copy c = copy();
    c.phase = phase.requireTransition(Phase.SHIFTING);
    c.stepIndex = step;
    c.target = to;
    c.changeId = null;
    c.bakeAnchor = null;
    c.baked = Duration.ZERO;
    c.promoteRequested = false;
    c.approved = false;
    c.pausedFrom = null;
    return c.build();
  }

  /** Route 53 accepted change {@code id} at {@code at}: from then on the weights read as the change made them. */
  public CutoverState withChange(String id, Instant at) {
    Copy c = copy();
    c.changeId = id;
    c.worldSince = at;
    return c.build();
  }

  /** The world is at {@code target}; the step bakes from {@code now} (a fresh bake, also after a restart). */
  public CutoverState baking(Instant now) {
    Copy c = copy();
    c.phase = phase.requireTransition(Phase.BAKING);
    c.split = target;
    c.changeId = null;
    c.worldSince = now;
    c.bakeAnchor = now;
    c.baked = Duration.ZERO;
    c.promoteRequested = false;
    c.pausedFrom = null;
    return c.build();
  }

  /**
   * The last step baked: soaking from {@code anchor} (null: from the next healthy reading, as after a restart)
   * with {@code soaked} already watched (the journal's last progress after a restart, else zero). The bake fields
   * count the soak.
   */
  public CutoverState soaking(Instant anchor, Duration soaked) {
    Copy c = copy();
    c.phase = phase.requireTransition(Phase.SOAKING);
    c.bakeAnchor = anchor;
    c.baked = soaked;
    c.promoteRequested = false;
    return c.build();
  }

  public CutoverState withBake(Instant anchor, Duration total) {
    Copy c = copy();
    c.bakeAnchor = anchor;
    c.baked = total;
    return c.build();
  }

  /** The reading asked for at {@code askedAt} was judged {@code verdict}, the {@code streak}th Unknown in a row. */
  public CutoverState withReading(Verdict verdict, int streak, Instant askedAt) {
    Copy c = copy();
    c.lastVerdict = verdict;
    c.unknownStreak = streak;
    c.lastReadingAt = askedAt;
    return c.build();
  }

  public CutoverState withPromote(boolean requested) {
    Copy c = copy();
    c.promoteRequested = requested;
    return c.build();
  }

  public CutoverState awaitingApproval() {
    Copy c = copy();
    c.phase = phase.requireTransition(Phase.AWAITING_APPROVAL);
    c.bakeAnchor = null;
    c.approved = false;
    return c.build();
  }

  public CutoverState withApproved() {
    Copy c = copy();
    c.approved = true;
    return c.build();
  }

  public CutoverState withPauseRequested() {
    Copy c = copy();
    c.pauseRequested = true;
    return c.build();
  }

  public CutoverState paused() {
    Copy c = copy();
    c.phase = phase.requireTransition(Phase.PAUSED);
    c.pausedFrom = phase;
    c.bakeAnchor = null;
    c.promoteRequested = false;
    c.pauseRequested = false;
    return c.build();
  }

  public CutoverState resumed(Instant now) {
    Phase back = pausedFrom == null ? Phase.BAKING : pausedFrom;
    Copy c = copy();
    c.phase = phase.requireTransition(back);
    c.bakeAnchor = back == Phase.BAKING ? now : null;
    c.pausedFrom = null;
    return c.build();
  }

  public CutoverState reverting(RevertCause cause, String why) {
    Copy c = copy();
    c.phase = phase.requireTransition(Phase.REVERTING);
    c.changeId = null;
    c.bakeAnchor = null;
    c.promoteRequested = false;
    c.pauseRequested = false;
    c.pausedFrom = null;
    c.revertCause = cause;
    c.reason = why;
    return c.build();
  }

  public CutoverState finished(Phase end, Split world, String why) {
    Copy c = copy();
    c.phase = phase.requireTransition(end);
    c.split = world;
    c.target = world;
    c.changeId = null;
    c.bakeAnchor = null;
    c.reason = why;
    return c.build();
  }

  private Copy copy() {
    return new Copy(this);
  }

  /** A mutable copy used only inside this class to keep the transitions above short. */
  private static final class Copy {
    final String cutoverId;
    Phase phase;
    int stepIndex;
    Split split;
    Split target;
    String changeId;
    Instant bakeAnchor;
    Duration baked;
    Verdict lastVerdict;
    Instant lastReadingAt;
    int unknownStreak;
    boolean promoteRequested;
    boolean approved;
    boolean pauseRequested;
    Phase pausedFrom;
    RevertCause revertCause;
    String reason;
    Instant worldSince;

    Copy(CutoverState s) {
      cutoverId = s.cutoverId;
      phase = s.phase;
      stepIndex = s.stepIndex;
      split = s.split;
      target = s.target;
      changeId = s.changeId;
      bakeAnchor = s.bakeAnchor;
      baked = s.baked;
      lastVerdict = s.lastVerdict;
      lastReadingAt = s.lastReadingAt;
      unknownStreak = s.unknownStreak;
      promoteRequested = s.promoteRequested;
      approved = s.approved;
      pauseRequested = s.pauseRequested;
      pausedFrom = s.pausedFrom;
      revertCause = s.revertCause;
      reason = s.reason;
      worldSince = s.worldSince;
    }

    CutoverState build() {
      return new CutoverState(cutoverId, phase, stepIndex, split, target, changeId, bakeAnchor, baked,
          lastVerdict, lastReadingAt, unknownStreak, promoteRequested, approved, pauseRequested, pausedFrom,
          revertCause, reason, worldSince);
    }
  }
}
