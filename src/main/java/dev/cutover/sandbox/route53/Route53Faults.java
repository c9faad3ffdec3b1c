package dev.cutover.sandbox.route53;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Runtime-switchable faults of the sandbox. Thread-safe: every method is {@code synchronized}. Time comes from the
 * model's injected clock, so a test clock drives refills and deadlines.
 *
 * <ul>
 *   <li>a token bucket (default 50 burst, 20 per second) that answers {@code Throttling} / "Rate exceeded" when empty;
 *   <li>"throttle everything until T" and "fail with HTTP 500 or 503 until T";
 *   <li>{@code PriorRequestNotComplete} for a change to a zone whose previous change is still PENDING (default off).
 * </ul>
 */
public final class Route53Faults {
  public static final int DEFAULT_BURST = 50;
  public static final double DEFAULT_PER_SECOND = 20.0;

  private final Clock clock;
  private int burst = DEFAULT_BURST;
  private double perSecond = DEFAULT_PER_SECOND;
  private double tokens = DEFAULT_BURST;
  private Instant lastRefill;
  private Instant throttleUntil = Instant.MIN;
  private Instant failUntil = Instant.MIN;
  private int failStatus = 503;
  private boolean priorRequestNotComplete;

  Route53Faults(Clock clock) {
    this.clock = clock;
    this.lastRefill = clock.instant();
  }

  /** Replaces the token bucket; it starts full. {@code perSecond} may be 0 (no refill). */
  public synchronized void rateLimit(int burst, double perSecond) {
    if (burst < 1 || perSecond < 0) {
      throw new IllegalArgumentException("burst must be >= 1 and perSecond >= 0, got " + burst + ", " + perSecond);
    }
    this.burst = burst;
    this.perSecond = perSecond;
    this.tokens = burst;
    this.lastRefill = clock.instant();
  }

  /** Every request is throttled until {@code until} (on the model's clock). */
  public synchronized void throttleUntil(Instant until) {
    this.throttleUntil = until;
  }

  /** Every request fails with {@code httpStatus} (500 or 503) until {@code until}. */
  public synchronized void failUntil(Instant until, int httpStatus) {
    if (httpStatus != 500 && httpStatus != 503) {
      throw new IllegalArgumentException("httpStatus must be 500 or 503, got " + httpStatus);
    }
    this.failUntil = until;
    this.failStatus = httpStatus;
  }

  /** Switches PriorRequestNotComplete for changes to a zone with a PENDING change on or off. */
  public synchronized void priorRequestNotComplete(boolean enabled) {
    this.priorRequestNotComplete = enabled;
  }

  public synchronized boolean priorRequestNotCompleteEnabled() {
    return priorRequestNotComplete;
  }

  /** Back to defaults: generous bucket, no switches on. */
  public synchronized void reset() {
    rateLimit(DEFAULT_BURST, DEFAULT_PER_SECOND);
    throttleUntil = Instant.MIN;
    failUntil = Instant.MIN;
    priorRequestNotComplete = false;
  }

  /**
   * Admits one API request or throws the injected fault. Called by the HTTP face before every operation; the Java
   * query API ({@code resolve}, {@code records}) is never throttled.
   */
  public synchronized void admit() {
    Instant now = clock.instant();
    if (now.isBefore(failUntil)) {
      throw Route53Error.serviceFailure(failStatus);
    }
    if (now.isBefore(throttleUntil)) {
      throw Route53Error.throttling();
    }
    refill(now);
    if (tokens < 1) {
      throw Route53Error.throttling();
    }
    tokens -= 1;
  }

  private void refill(Instant now) {
    if (now.isAfter(lastRefill)) {
      double seconds = Duration.between(lastRefill, now).toNanos() / 1e9;
      tokens = Math.min(burst, tokens + seconds * perSecond);
      lastRefill = now;
    }
  }
}
