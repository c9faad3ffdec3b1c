package dev.cutover.engine;

import dev.cutover.domain.GateReading;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.PairState;
import java.time.Instant;
import java.util.List;

/** What the driver saw: the only input of {@link Decider#decide}. Each carries the time it was seen. */
public sealed interface Observation {
  Instant now();

  /** Preflight passed; start (or resume) the cutover. */
  record Begin(Instant now) implements Observation {}

  /** Route 53 accepted the forward change batch. */
  record ShiftSubmitted(Instant now, String changeId, List<String> changes) implements Observation {}

  /** The forward change is INSYNC: the step is live. */
  record ShiftInSync(Instant now, String changeId) implements Observation {}

  /** The guarded batch found records not as the controller left them: nothing was applied. */
  record ShiftRejected(Instant now, List<String> details) implements Observation {}

  /** The forward change failed for good (not a conflict): AWS errors outlasted the retry deadline. */
  record ShiftFailed(Instant now, String error) implements Observation {}

  /**
   * Every gate's reading, stamped with the time it was <em>asked for</em> (README, "Gates run on their own clock"): a reading that got
   * no answer within its bound is Unknown at that time. Gates run on their own clock, independent of Route 53.
   */
  record GatesRead(Instant now, List<GateReading> readings) implements Observation {}

  /** The actual weights of every pair, read from Route 53, stamped with the time the read was asked for. */
  record WorldRead(Instant now, List<PairState> world) implements Observation {}

  record Command(Instant now, OperatorCommand command) implements Observation {}

  /** Route 53 accepted the revert batch. */
  record RevertSubmitted(Instant now, String changeId, List<String> changes) implements Observation {}

  /** Every pair is at 100% Heroku (INSYNC, or was already there: changeId null). */
  record RevertDone(Instant now, String changeId) implements Observation {}

  record RevertFailed(Instant now, String error) implements Observation {}
}
