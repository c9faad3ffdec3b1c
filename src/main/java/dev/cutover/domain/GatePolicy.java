package dev.cutover.domain;

import java.time.Duration;
import java.util.List;

/**
 * Which CloudWatch alarms gate the cutover, how often they are read, and what repeated "could not read" means.
 *
 * @param unknownLimit consecutive Unknown readings that trigger {@code onUnknown}
 * @param onUnknown REVERT (default: could-not-measure is never healthy) or HOLD (keep the bake clock stopped)
 */
public record GatePolicy(List<String> alarms, Duration poll, int unknownLimit, UnknownAction onUnknown) {

  public enum UnknownAction { REVERT, HOLD }

  public GatePolicy {
    alarms = List.copyOf(alarms);
    if (poll.isNegative() || poll.isZero()) {
      throw new IllegalArgumentException("gates.poll must be positive, got " + poll);
    }
    if (unknownLimit < 1) {
      throw new IllegalArgumentException("gates.unknownLimit must be at least 1, got " + unknownLimit);
    }
  }

  /** The longest a reading may wait for: three quarters of the poll, at most 10 s, so readings never pile up. */
  public Duration readBound() {
    Duration threeQuarters = poll.multipliedBy(3).dividedBy(4);
    return threeQuarters.compareTo(MAX_READ_BOUND) > 0 ? MAX_READ_BOUND : threeQuarters;
  }

  private static final Duration MAX_READ_BOUND = Duration.ofSeconds(10);
}
