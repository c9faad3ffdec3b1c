package dev.cutover.sandbox;

import java.time.Duration;
import java.time.Instant;

/**
 * A fault started or ended, in simulated and in wall time, so a caller can report "fault started → revert applied"
 * in both.
 *
 * @param fault the fault's index in the scenario
 * @param sinceStart simulated time since the scenario started
 */
public record FaultEvent(int fault, String description, Kind kind, Instant simulatedTime, Instant wallTime,
    Duration sinceStart) {

  /** Whether the fault began or ended. */
  public enum Kind {
    STARTED,
    ENDED
  }
}
