package dev.cutover.sandbox.route53;

import dev.cutover.sandbox.quota.RequestRate;
import dev.cutover.sandbox.quota.TokenBucket;
import java.time.Clock;
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
  /** 50 at once, 20 per second: above Route 53's documented 5 per second, so that scripts are not slowed. */
  public static final RequestRate DEFAULT_RATE = new RequestRate(50, 20.0);

  private final Clock clock;
  private final TokenBucket bucket;
  private Instant throttleUntil = Instant.MIN;
  private Instant failUntil = Instant.MIN;
  private int failStatus = 503;
  private boolean priorRequestNotComplete;

  Route53Faults(Clock clock) {
    this.clock = clock;
    this.bucket = new TokenBucket(clock, DEFAULT_RATE);
  }

  /** Replaces the token bucket; it starts full. {@code perSecond} may be 0 (no refill). */
  public void rateLimit(int burst, double perSecond) {
    rateLimit(new RequestRate(burst, perSecond));
  }

  /** Replaces the token bucket ({@link RequestRate#UNLIMITED} switches throttling off); it starts full. */
  public void rateLimit(RequestRate rate) {
    bucket.limit(rate);
  }

  public RequestRate rateLimit() {
    return bucket.rate();
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
    rateLimit(DEFAULT_RATE);
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
    if (!bucket.tryAcquire()) {
      throw Route53Error.throttling();
    }
  }
}
