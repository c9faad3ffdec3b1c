package dev.cutover.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What happened in a cutover, in order. The journal stores these (intent before a side effect, outcome after),
 * the console and JSON output print them, and a restarted controller rebuilds its state from them.
 */
public sealed interface CutoverEvent {

  Instant at();

  /** A short machine name, e.g. "shift-intent". */
  default String type() {
    String n = getClass().getSimpleName();
    return n.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
  }

  record Started(Instant at, String cutoverId, String plan, String by, List<Integer> steps)
      implements CutoverEvent {}

  record PreflightPassed(Instant at, Split current, List<String> warnings) implements CutoverEvent {}

  record PreflightFailed(Instant at, List<String> problems) implements CutoverEvent {}

  record Resumed(Instant at, int step, Split split, String note) implements CutoverEvent {}

  record ApprovalRequested(Instant at, int step, Split split) implements CutoverEvent {}

  record Approved(Instant at, int step, String by) implements CutoverEvent {}

  /** Intent: the controller is about to send a forward change batch. */
  record ShiftIntent(Instant at, int step, Split from, Split to) implements CutoverEvent {}

  /** Outcome: Route 53 accepted a change batch (forward or revert) with this id. */
  record ChangeSubmitted(Instant at, String changeId, Split to, String purpose, List<String> changes)
      implements CutoverEvent {}

  record ChangeInSync(Instant at, String changeId, Split split) implements CutoverEvent {}

  record BakeStarted(Instant at, int step, Split split, Duration required) implements CutoverEvent {}

  /** The overall gate verdict changed (only changes are recorded, not every poll). */
  record GatesRead(Instant at, Verdict overall, List<GateReading> readings) implements CutoverEvent {}

  record StepCompleted(Instant at, int step, Split split, Duration baked, boolean promoted)
      implements CutoverEvent {}

  /** The last step baked: the new stack is watched at 100% for {@code soak} before the cutover completes. */
  record SoakStarted(Instant at, Duration soak) implements CutoverEvent {}

  /**
   * How much of the soak has been watched (journalled now and then, so that a restart resumes the soak from here:
   * it never shortens it, and time nobody watched never counts).
   */
  record SoakProgress(Instant at, Duration soaked, Duration soak) implements CutoverEvent {}

  record OperatorRequest(Instant at, OperatorCommand.Kind command, String by, String effect)
      implements CutoverEvent {}

  /** Intent: the controller is about to put every pair back to 100% Heroku. */
  record RevertIntent(Instant at, RevertCause cause, String trigger, String reason) implements CutoverEvent {}

  record RevertFailed(Instant at, String error) implements CutoverEvent {}

  record ShiftFailed(Instant at, String error) implements CutoverEvent {}

  /** A guarded change found the records not as expected: nothing was applied. */
  record Conflict(Instant at, List<String> details) implements CutoverEvent {}

  /** The world differs from what the controller wrote. */
  record Drift(Instant at, List<String> details, boolean revertedToHeroku) implements CutoverEvent {}

  record Finished(Instant at, Phase outcome, int exitCode, String reason) implements CutoverEvent {}

  /** This run took the plan's lease from {@code from}: because it had expired, or forced by an operator. */
  record LeaseTakenOver(Instant at, String from, boolean forced, String by) implements CutoverEvent {}
}
