package dev.cutover.sandbox.quota;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket on an injected clock: one token per request, refilled continuously. Thread-safe (every method is
 * {@code synchronized}); a test clock drives the refill.
 */
public final class TokenBucket {
  private final Clock clock;
  private RequestRate rate;
  private double tokens;
  private Instant lastRefill;

  public TokenBucket(Clock clock, RequestRate rate) {
    this.clock = Objects.requireNonNull(clock, "clock");
    limit(rate);
  }

  /** Replaces the quota; the bucket starts full. */
  public synchronized void limit(RequestRate newRate) {
    this.rate = Objects.requireNonNull(newRate, "rate");
    this.tokens = newRate.burst();
    this.lastRefill = clock.instant();
  }

  public synchronized RequestRate rate() {
    return rate;
  }

  /** Takes one token if there is one; false means "throttle this request". */
  public synchronized boolean tryAcquire() {
    if (rate.unlimited()) {
      return true;
    }
    Instant now = clock.instant();
    if (now.isAfter(lastRefill)) {
      double seconds = Duration.between(lastRefill, now).toNanos() / 1e9;
      tokens = Math.min(rate.burst(), tokens + seconds * rate.perSecond());
      lastRefill = now;
    }
    if (tokens < 1) {
      return false;
    }
    tokens -= 1;
    return true;
  }
}
