package dev.cutover.sandbox.cloudwatch;

import java.time.Instant;

/** An alarm's state with its reason and the times it was last updated and last changed value. */
public record AlarmStatus(
    StateValue value, String reason, String reasonData, Instant updated, Instant transitioned) {
  static AlarmStatus initial(Instant now) {
    return new AlarmStatus(StateValue.INSUFFICIENT_DATA, "Unchecked: Initial alarm creation", null, now, now);
  }
}
