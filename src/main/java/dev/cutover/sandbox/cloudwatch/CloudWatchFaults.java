package dev.cutover.sandbox.cloudwatch;

import dev.cutover.sandbox.quota.RequestRate;
import dev.cutover.sandbox.quota.TokenBucket;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Fault injection for the sandbox CloudWatch: "unavailable until T" (HTTP 503 {@code ServiceUnavailable}),
 * "throttle until T" ({@code Throttling}, 400) and an API request quota (a token bucket, unlimited unless set;
 * {@link dev.cutover.sandbox.SandboxServer} sets {@link #DEFAULT_RATE}). Instants are in the sandbox clock's time.
 * Thread-safe: both deadlines are volatile and read once per request; the bucket synchronizes itself.
 */
public final class CloudWatchFaults {
  /**
   * 50 at once, 20 per second for all operations together. AWS has a quota per operation (DescribeAlarms 9,
   * GetMetricData 50, SetAlarmState 3 per second: CloudWatch service quotas); see the differences doc.
   */
  public static final RequestRate DEFAULT_RATE = new RequestRate(50, 20.0);

  private final Clock clock;
  private final TokenBucket bucket;
  private volatile Instant unavailableUntil = Instant.MIN;
  private volatile Instant throttleUntil = Instant.MIN;

  public CloudWatchFaults(Clock clock) {
    this.clock = clock;
    this.bucket = new TokenBucket(clock, RequestRate.UNLIMITED);
  }

  /** Replaces the request quota ({@link RequestRate#UNLIMITED}: no throttling); the bucket starts full. */
  public void rateLimit(RequestRate rate) {
    bucket.limit(rate);
  }

  public RequestRate rateLimit() {
    return bucket.rate();
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

  /**
   * The error a request arriving now must fail with, if any; unavailability wins over throttling. Call it once
   * per request: a request it admits takes a token of the quota.
   */
  public Optional<CloudWatchServiceException> active() {
    Instant now = clock.instant();
    if (now.isBefore(unavailableUntil)) {
      return Optional.of(CloudWatchServiceException.unavailable());
    }
    if (now.isBefore(throttleUntil) || !bucket.tryAcquire()) {
      return Optional.of(CloudWatchServiceException.throttling());
    }
    return Optional.empty();
  }
}
