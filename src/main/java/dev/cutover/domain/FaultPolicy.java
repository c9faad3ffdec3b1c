package dev.cutover.domain;

import java.time.Duration;

/**
 * How long the adapters keep retrying AWS errors that may pass (throttling, PriorRequestNotComplete, 5xx,
 * timeouts) before the run fails safe, and the client-side rate limit for Route 53.
 *
 * @param retryDeadline how long a forward change keeps retrying before the run fails safe (revert attempted)
 * @param route53RatePerSecond client-side request rate limit for Route 53 calls
 * @param inSyncTimeout how long to wait for INSYNC before treating the change as failed
 */
public record FaultPolicy(Duration retryDeadline, double route53RatePerSecond, Duration inSyncTimeout) {
  public static final FaultPolicy DEFAULT =
      new FaultPolicy(Duration.ofMinutes(2), 4.0, Duration.ofMinutes(5));

  public FaultPolicy {
    if (retryDeadline.isNegative() || retryDeadline.isZero()) {
      throw new IllegalArgumentException("faults.retryDeadline must be positive, got " + retryDeadline);
    }
    if (!(route53RatePerSecond > 0)) {
      throw new IllegalArgumentException(
          "faults.route53RatePerSecond must be positive, got " + route53RatePerSecond);
    }
    if (inSyncTimeout.isNegative() || inSyncTimeout.isZero()) {
      throw new IllegalArgumentException("faults.inSyncTimeout must be positive, got " + inSyncTimeout);
    }
  }
}
