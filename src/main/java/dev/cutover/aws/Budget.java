package dev.cutover.aws;

import dev.cutover.port.Priority;
import dev.cutover.port.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * One AWS service's request budget for a whole process, i.e. one account (README, "One account, one budget"): a token bucket in
 * scheduler time whose permits go to waiting calls by {@link Priority} — a revert before any shift, a shift before
 * any read, first come first served within one priority. Every cutover of the process shares it, so thirty
 * cutovers never throttle each other, and a revert never waits behind a queue of reads.
 *
 * <p>Resilience4j's RateLimiter hands out permits strictly in arrival order (a reservation cannot be overtaken),
 * which is why the bucket is here; retries and the circuit breaker stay Resilience4j's ({@link Resilient}).
 */
public final class Budget {
  private final Scheduler scheduler;
  private final String service;
  private final double perSecond;
  private final double burst;
  private final PriorityQueue<Waiter> waiting = new PriorityQueue<>(
      Comparator.comparing(Waiter::priority).thenComparingLong(Waiter::seq));
  private double tokens;
  private Instant refilled;
  private long seq;
  private long refillTimer = -1;
  private final long[] granted = new long[Priority.values().length];

  private record Waiter(Priority priority, long seq, Promise<Void> promise) {}

  /**
   * @param perSecond sustained requests per second (scheduler time)
   * @param burst how many requests may go at once after a quiet spell (at least 1)
   */
  public Budget(Scheduler scheduler, String service, double perSecond, int burst) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException(service + " request rate must be a positive number, got " + perSecond);
    }
    if (burst < 1) {
      throw new IllegalArgumentException(service + " burst must be at least 1, got " + burst);
    }
    this.scheduler = scheduler;
    this.service = service;
    this.perSecond = perSecond;
    this.burst = burst;
    this.tokens = burst;
    this.refilled = scheduler.clock().instant();
  }

  public String service() {
    return service;
  }

  public double perSecond() {
    return perSecond;
  }

  /**
   * Completes when a call of {@code priority} may go; fails with a message naming the budget when no permit came
   * within {@code maxWait} (scheduler time).
   */
  public Future<Void> permit(Priority priority, Duration maxWait) {
    Promise<Void> p = Promise.promise();
    List<Promise<Void>> go;
    synchronized (this) {
      waiting.add(new Waiter(priority, seq++, p));
      go = dispatch();
    }
    go.forEach(Promise::tryComplete);
    if (!p.future().isComplete()) {
      long expiry = scheduler.schedule(maxWait, () -> {
        boolean removed;
        synchronized (this) {
          removed = waiting.removeIf(w -> w.promise() == p);
        }
        if (removed) {
          p.tryFail(new IllegalStateException("no " + service + " request permit within " + maxWait.toMillis()
              + " ms: the process's shared budget of " + perSecond + " requests/s is taken by other calls"));
        }
      });
      p.future().onComplete(ar -> scheduler.cancel(expiry));
    }
    return p.future();
  }

  /** Calls granted so far, by priority (for tests and metrics). */
  public synchronized long granted(Priority priority) {
    return granted[priority.ordinal()];
  }

  /** Calls waiting for a permit now. */
  public synchronized int waiting() {
    return waiting.size();
  }

  /** Hands out the permits the bucket holds, best priority first; arms a timer for the next token if needed. */
  private List<Promise<Void>> dispatch() {
    refill();
    List<Promise<Void>> go = new ArrayList<>();
    while (!waiting.isEmpty() && tokens >= 1) {
      Waiter w = waiting.poll();
      tokens -= 1;
      granted[w.priority().ordinal()]++;
      go.add(w.promise());
    }
    if (!waiting.isEmpty() && refillTimer == -1) {
      long nanos = (long) Math.ceil((1 - tokens) / perSecond * 1_000_000_000L);
      refillTimer = scheduler.schedule(Duration.ofNanos(Math.max(nanos, 1_000)), this::onRefillTimer);
    }
    return go;
  }

  private void onRefillTimer() {
    List<Promise<Void>> go;
    synchronized (this) {
      refillTimer = -1;
      go = dispatch();
    }
    go.forEach(Promise::tryComplete);
  }

  private void refill() {
    Instant now = scheduler.clock().instant();
    if (now.isAfter(refilled)) {
      tokens = Math.min(burst, tokens + Duration.between(refilled, now).toNanos() / 1e9 * perSecond);
      refilled = now;
    }
  }
}
