package dev.cutover.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a cutover is. The table of allowed transitions is explicit; {@link #requireTransition} throws on an
 * illegal one, so a bug cannot silently move a cutover somewhere it must never go.
 */
public enum Phase {
  /** Preflight passed, nothing changed yet. */
  READY,
  /** Waiting for an operator to approve the next step; gates are still watched. */
  AWAITING_APPROVAL,
  /** A forward change batch is submitted and not yet INSYNC. */
  SHIFTING,
  /** The step is live; its bake clock runs while every gate is healthy. */
  BAKING,
  /** Held by an operator; gates are still watched and a breach still reverts. */
  PAUSED,
  /**
   * The last step baked healthy: 100% on AWS, Heroku's record kept at weight 0, every gate still watched for the
   * plan's soak time; a breach reverts exactly as during a step.
   */
  SOAKING,
  /** Putting every pair back to 100% Heroku. */
  REVERTING,
  COMPLETED,
  ROLLED_BACK,
  ABORTED,
  CONFLICT,
  FAILED;

  private static final Map<Phase, Set<Phase>> ALLOWED = Map.ofEntries(
      Map.entry(READY,
          EnumSet.of(SHIFTING, BAKING, AWAITING_APPROVAL, SOAKING, REVERTING, CONFLICT, ABORTED, COMPLETED)),
      Map.entry(AWAITING_APPROVAL, EnumSet.of(SHIFTING, PAUSED, REVERTING, CONFLICT, ABORTED)),
      Map.entry(SHIFTING, EnumSet.of(BAKING, PAUSED, REVERTING, CONFLICT, ABORTED)),
      Map.entry(BAKING,
          EnumSet.of(SHIFTING, AWAITING_APPROVAL, SOAKING, COMPLETED, PAUSED, REVERTING, CONFLICT, ABORTED)),
      Map.entry(SOAKING, EnumSet.of(COMPLETED, REVERTING, CONFLICT, ABORTED)),
      Map.entry(PAUSED, EnumSet.of(BAKING, AWAITING_APPROVAL, REVERTING, CONFLICT, ABORTED)),
      Map.entry(REVERTING, EnumSet.of(REVERTING, ROLLED_BACK, ABORTED, FAILED)),
      Map.entry(COMPLETED, EnumSet.noneOf(Phase.class)),
      Map.entry(ROLLED_BACK, EnumSet.noneOf(Phase.class)),
      Map.entry(ABORTED, EnumSet.noneOf(Phase.class)),
      Map.entry(CONFLICT, EnumSet.noneOf(Phase.class)),
      Map.entry(FAILED, EnumSet.noneOf(Phase.class)));

  public boolean terminal() {
    return ALLOWED.get(this).isEmpty();
  }

  public boolean canMoveTo(Phase next) {
    return this == next && !terminal() || ALLOWED.get(this).contains(next);
  }

  public Phase requireTransition(Phase next) {
    if (!canMoveTo(next)) {
      throw new IllegalStateException("illegal phase transition " + this + " -> " + next);
    }
    return next;
  }

  /** The process exit code a run ending in this phase reports (SOAKING: a run that detached from the soak). */
  public ExitCode exitCode() {
    return switch (this) {
      case COMPLETED -> ExitCode.COMPLETED;
      case ROLLED_BACK -> ExitCode.ROLLED_BACK;
      case ABORTED -> ExitCode.OPERATOR_STOPPED;
      case CONFLICT -> ExitCode.CONFLICT;
      case FAILED -> ExitCode.FAILED_SAFE;
      case SOAKING -> ExitCode.BAKED_SOAKING; // a run that detaches once the soak begins (run --until baked)
      default -> throw new IllegalStateException(this + " is not a final phase");
    };
  }
}
