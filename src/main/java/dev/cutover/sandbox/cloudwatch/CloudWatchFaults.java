package dev.cutover.sandbox.cloudwatch;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Fault injection for the sandbox CloudWatch: "unavailable until T" (HTTP 503 {@code ServiceUnavailable}) and
 * "throttle until T" ({@code Throttling}, 400). Instants are in the sandbox clock's time. Thread-safe: both
 * deadlines are volatile and read once per request.
 */
public final class CloudWatchFaults {
  private final Clock clock;
  private volatile Instant unavailableUntil = Instant.MIN;
  private volatile Instant throttleUntil = Instant.MIN;

  public CloudWatchFaults(Clock clock) {
    this.clock = clock;
  }

  /** Every request fails with 503 ServiceUnavailable until {@code until} (exclusive). */
  public void unavailableUntil(Instant until) {
    unavailableUntil = until;
  }

  /** Every request fails with Throttling until {@code until} (exclusive). */
  public void throttleUntil(Instant until) {
    throttleUntil = until;
  }

  /** Removes both faults. */
  public void clear() {
    unavailableUntil = Instant.MIN;
    throttleUntil = Instant.MIN;
  }

  /** The error a request arriving now must fail with, if any; unavailability wins over throttling. */
  public Optional<CloudWatchServiceException> active() {
    Instant now = clock.instant();
    if (now.isBefore(unavailableUntil)) {
      return Optional.of(CloudWatchServiceException.unavailable());
    }
    if (now.isBefore(throttleUntil)) {
      return Optional.of(CloudWatchServiceException.throttling());
    }
    return Optional.empty();
  }
}
