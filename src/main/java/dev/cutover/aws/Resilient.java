package dev.cutover.aws;

import dev.cutover.domain.FaultPolicy;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.Scheduler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one resilience mechanism both adapters use around every AWS call: a rate limiter, a circuit breaker, and
 * a retry with exponential backoff and jitter for what may pass ({@link AwsErrors#retryable}), bounded by a
 * deadline in scheduler time. Waits go through the injected {@link Scheduler}, so compressed time also
 * compresses backoff, and no thread ever blocks. SDK futures are bridged onto the Vert.x context of the caller.
 */
public final class Resilient {
  /**
   * Under compressed time, the least wall time an unanswered attempt is given (never more than the deadline
   * itself): the network does not get faster when the scheduler does.
   */
  static final Duration MIN_WALL_WAIT = Duration.ofSeconds(3);

  private static final Logger LOG = LoggerFactory.getLogger(Resilient.class);

  /**
   * @param service "Route 53" or "CloudWatch", for messages
   * @param deadline how long one call keeps retrying (scheduler time)
   * @param firstBackoff the first wait between attempts; doubles per attempt, with ±50% jitter
   * @param maxBackoff the longest wait between attempts
   * @param ratePerSecond client-side request rate (scheduler time)
   * @param breakerMinimumCalls failed calls (I/O errors, 5xx, unreadable answers) among the last ones that open
   *     the breaker
   * @param breakerOpenFor how long an open breaker refuses calls (scheduler time, like every wait here)
   */
  public record Settings(
      String service,
      Duration deadline,
      Duration firstBackoff,
      Duration maxBackoff,
      double ratePerSecond,
      int breakerMinimumCalls,
      Duration breakerOpenFor) {

    public Settings {
      Objects.requireNonNull(service, "service");
      requirePositive(deadline, "deadline");
      requirePositive(firstBackoff, "firstBackoff");
      requirePositive(maxBackoff, "maxBackoff");
      requirePositive(breakerOpenFor, "breakerOpenFor");
      if (!(ratePerSecond > 0)) {
        throw new IllegalArgumentException("ratePerSecond must be positive, got " + ratePerSecond);
      }
      if (breakerMinimumCalls < 1) {
        throw new IllegalArgumentException("breakerMinimumCalls must be at least 1, got " + breakerMinimumCalls);
      }
    }

    /** Route 53: PriorRequestNotComplete asks for growing waits, so start at 500 ms and allow up to 20 s. */
    public static Settings route53(FaultPolicy policy) {
      return new Settings("Route 53", policy.retryDeadline(), Duration.ofMillis(500), Duration.ofSeconds(20),
          policy.route53RatePerSecond(), 10, Duration.ofSeconds(30));
    }

    /** CloudWatch gate reads: a short deadline, as a read must finish well within one poll. */
    public static Settings cloudWatch(Duration deadline) {
      return new Settings("CloudWatch", deadline, Duration.ofMillis(200), Duration.ofSeconds(2), 5.0, 10,
          Duration.ofSeconds(30));
    }

    public Settings withBackoff(Duration first, Duration max) {
      return new Settings(service, deadline, first, max, ratePerSecond, breakerMinimumCalls, breakerOpenFor);
    }

    public Settings withDeadline(Duration d) {
      return new Settings(service, d, firstBackoff, maxBackoff, ratePerSecond, breakerMinimumCalls,
          breakerOpenFor);
    }

    public Settings withBreaker(int minimumCalls, Duration openFor) {
      return new Settings(service, deadline, firstBackoff, maxBackoff, ratePerSecond, minimumCalls, openFor);
    }

    public Settings withRate(double perSecond) {
      return new Settings(service, deadline, firstBackoff, maxBackoff, perSecond, breakerMinimumCalls,
          breakerOpenFor);
    }

    /** The waits between attempts: exponential from {@link #firstBackoff} up to {@link #maxBackoff}, ±50% jitter. */
    IntervalFunction backoff() {
      return IntervalFunction.ofExponentialRandomBackoff(firstBackoff, 2.0, 0.5, maxBackoff);
    }

    /** A call that was still failing when it gave up: says which, why, the last AWS error and what to do. */
    AwsCallException gaveUp(String call, int attempts, String why, Throwable last) {
      String message = service + " " + call + " still failing after " + attempts + " attempt"
          + (attempts == 1 ? "" : "s") + " within the retry deadline of " + human(deadline)
          + (why != null ? " (" + why + ")" : "")
          + (last != null ? "; last error: " + AwsErrors.describe(last) : "")
          + ". " + service + " is throttling or unavailable: check the AWS Health Dashboard and read"
          + " the current state before resuming (a write may have landed if an attempt got no answer), or raise"
          + " faults.retryDeadline";
      return new AwsCallException(message, true, last);
    }

    static String human(Duration d) {
      if (d.toMillis() < 1000) {
        return d.toMillis() + " ms";
      }
      if (d.toSeconds() < 120) {
        return d.toSeconds() + " s";
      }
      return d.toMinutes() + " min";
    }

    private static void requirePositive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, got " + d);
      }
    }
  }

  private final Vertx vertx;
  private final Scheduler scheduler;
  private final Settings settings;
  private final Retry retry;
  private final RateLimiter rateLimiter;
  private final CircuitBreaker breaker;

  public Resilient(Vertx vertx, Scheduler scheduler, Settings settings) {
    this.vertx = vertx;
    this.scheduler = scheduler;
    this.settings = settings;
    String name = settings.service();
    this.retry = Retry.of(name, RetryConfig.custom()
        // the deadline bounds the attempts; this cap only guards against a deadline that never passes
        .maxAttempts(10_000)
        .intervalFunction(settings.backoff())
        .retryOnException(AwsErrors::retryable)
        .build());
    // Resilience4j counts wall time: scale the rate and the permit timeout into it
    this.rateLimiter = RateLimiter.of(name, rateLimit(settings.ratePerSecond() * scheduler.speed(),
        Duration.ofNanos((long) (settings.deadline().toNanos() / scheduler.speed()))));
    this.breaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(Math.max(settings.breakerMinimumCalls(), 10))
        .minimumNumberOfCalls(settings.breakerMinimumCalls())
        .failureRateThreshold(50)
        .recordException(AwsErrors::endpointFailure)
        .waitDurationInOpenState(Duration.ofNanos(Math.max(1_000_000L,
            (long) (settings.breakerOpenFor().toNanos() / scheduler.speed()))))
        .permittedNumberOfCallsInHalfOpenState(1)
        .build());
  }

  private static RateLimiterConfig rateLimit(double perWallSecond, Duration deadline) {
    // a whole number of permits per refresh period; rates below 1/s stretch the period instead
    int permits = perWallSecond >= 1 ? (int) Math.floor(perWallSecond) : 1;
    long periodNanos = (long) (1_000_000_000L * permits / perWallSecond);
    return RateLimiterConfig.custom()
        .limitForPeriod(permits)
        .limitRefreshPeriod(Duration.ofNanos(Math.max(periodNanos, 1_000_000)))
        .timeoutDuration(deadline)
        .build();
  }

  public Settings settings() {
    return settings;
  }

  public CircuitBreaker.State breakerState() {
    return breaker.getState();
  }

  /**
   * Runs {@code call} until it succeeds, fails with an error that is not retryable (the Future fails with that
   * SDK exception, unwrapped, for the adapter to map), or the deadline passes (the Future fails with a
   * transient {@link AwsCallException} naming the call and the last AWS error).
   *
   * @param name the AWS operation, e.g. "ChangeResourceRecordSets"
   * @param call starts one attempt; called once per attempt
   */
  public <T> Future<T> call(String name, Supplier<CompletableFuture<T>> call) {
    Context context = vertx.getOrCreateContext();
    Instant start = scheduler.clock().instant();
    Attempts<T> attempts = new Attempts<>(name, call, context, start, retry.asyncContext());
    Promise<T> result = Promise.promise();
    // The deadline holds even while an attempt hangs (up to the SDK's attempt timeout). The network does not
    // run faster in compressed time, so an unanswered attempt always gets at least MIN_WALL_WAIT of wall time.
    long deadlineMillis = settings.deadline().toMillis();
    long wallMillis = Math.max((long) Math.ceil(deadlineMillis / scheduler.speed()),
        Math.min(deadlineMillis, MIN_WALL_WAIT.toMillis()));
    long timer = vertx.setTimer(wallMillis, id -> context.runOnContext(v -> {
      if (result.tryFail(attempts.gaveUp(attempts.attempt, "the last attempt got no answer in time",
          attempts.lastError))) {
        attempts.expired = true;
      }
    }));
    attempts.next(1).onComplete(ar -> {
      vertx.cancelTimer(timer);
      if (ar.succeeded()) {
        result.tryComplete(ar.result());
      } else {
        result.tryFail(ar.cause());
      }
    });
    return result.future();
  }

  /** A timer in scheduler time whose completion runs on {@code context}. */
  Future<Void> delay(Context context, Duration d) {
    Promise<Void> p = Promise.promise();
    scheduler.schedule(d, () -> context.runOnContext(v -> p.complete()));
    return p.future();
  }

  Scheduler scheduler() {
    return scheduler;
  }

  Vertx vertx() {
    return vertx;
  }

  /** The attempts of one call: each waits for a rate permit, asks the breaker, then runs. */
  private final class Attempts<T> {
    private final String name;
    private final Supplier<CompletableFuture<T>> call;
    private final Context context;
    private final Instant start;
    private final Retry.AsyncContext<T> retryContext;
    private int attempt;
    private Throwable lastError;
    private boolean expired;

    Attempts(String name, Supplier<CompletableFuture<T>> call, Context context, Instant start,
        Retry.AsyncContext<T> retryContext) {
      this.name = name;
      this.call = call;
      this.context = context;
      this.start = start;
      this.retryContext = retryContext;
    }

    Future<T> next(int attempt) {
      this.attempt = attempt;
      if (expired) {
        return Future.failedFuture(gaveUp(attempt - 1, "deadline passed", lastError));
      }
      long waitNanos = rateLimiter.reservePermission();
      if (waitNanos < 0) {
        return Future.failedFuture(gaveUp(attempt - 1, "client-side rate limit: no permit within the deadline",
            null));
      }
      Future<Void> permit = waitNanos == 0 ? Future.succeededFuture()
          : delay(context, Duration.ofNanos((long) (waitNanos * scheduler.speed())));
      return permit.compose(v -> once(attempt));
    }

    private Future<T> once(int attempt) {
      if (!breaker.tryAcquirePermission()) {
        return Future.failedFuture(new AwsCallException(settings.service() + " " + name
            + " not attempted: the circuit breaker is open after repeated I/O errors, 5xx or unreadable answers from "
            + settings.service() + "; check connectivity and the AWS Health Dashboard, calls resume after "
            + settings.breakerOpenFor().toSeconds() + " s", true, null));
      }
      long started = breaker.getCurrentTimestamp();
      CompletableFuture<T> cf;
      try {
        cf = call.get();
      } catch (RuntimeException e) {
        cf = CompletableFuture.failedFuture(e);
      }
      return Future.fromCompletionStage(cf, context).transform(ar -> {
        long took = breaker.getCurrentTimestamp() - started;
        if (ar.succeeded()) {
          breaker.onSuccess(took, breaker.getTimestampUnit());
          retryContext.onComplete();
          return Future.succeededFuture(ar.result());
        }
        Throwable error = AwsErrors.unwrap(ar.cause());
        lastError = error;
        breaker.onError(took, breaker.getTimestampUnit(), error);
        return afterFailure(attempt, error);
      });
    }

    private Future<T> afterFailure(int attempt, Throwable error) {
      long waitMillis = retryContext.onError(error);
      if (waitMillis < 0) {
        // not retryable, or the attempt cap: the caller maps the SDK error
        return AwsErrors.retryable(error)
            ? Future.failedFuture(gaveUp(attempt, "attempt limit reached", error))
            : Future.failedFuture(error);
      }
      Duration wait = Duration.ofMillis(waitMillis);
      Duration elapsed = Duration.between(start, scheduler.clock().instant());
      if (elapsed.plus(wait).compareTo(settings.deadline()) > 0) {
        return Future.failedFuture(gaveUp(attempt, null, error));
      }
      LOG.warn("{} {} attempt {} failed with {}; retrying in {} ms", settings.service(), name, attempt,
          AwsErrors.code(error), waitMillis);
      return delay(context, wait).compose(v -> next(attempt + 1));
    }

    private AwsCallException gaveUp(int attempts, String why, Throwable last) {
      return settings.gaveUp(name, attempts, why, last);
    }
  }
}
