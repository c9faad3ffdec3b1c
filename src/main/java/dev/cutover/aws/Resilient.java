package dev.cutover.aws;

import dev.cutover.domain.FaultPolicy;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.Priority;
import dev.cutover.port.Scheduler;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
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
   * itself): the network does not get faster when the scheduler does, and a freshly started JVM's first call (class
   * loading, the HTTP client's start) took over 3 s on a loaded 2-core machine (CrashRecoveryIT, resume after kill).
   */
  static final Duration MIN_WALL_WAIT = Duration.ofSeconds(6);

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

  /**
   * What every caller of one AWS service in one process (one account) shares (README, "One account, one budget"): the request
   * budget, served by priority, and the circuit breaker.
   */
  public record Shared(Budget budget, CircuitBreaker breaker) {

    /** A budget of {@code settings.ratePerSecond()} (burst of one second's worth) and a breaker as configured. */
    public static Shared of(Scheduler scheduler, Settings settings) {
      return new Shared(new Budget(scheduler, settings.service(), settings.ratePerSecond(),
          (int) Math.max(1, Math.ceil(settings.ratePerSecond()))), breaker(scheduler, settings));
    }

    private static CircuitBreaker breaker(Scheduler scheduler, Settings settings) {
      return CircuitBreaker.of(settings.service(), CircuitBreakerConfig.custom()
          .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
          .slidingWindowSize(Math.max(settings.breakerMinimumCalls(), 10))
          .minimumNumberOfCalls(settings.breakerMinimumCalls())
          .failureRateThreshold(50)
          .recordException(AwsErrors::endpointFailure)
          // Resilience4j counts wall time: scale the open time into it
          .waitDurationInOpenState(Duration.ofNanos(Math.max(1_000_000L,
              (long) (settings.breakerOpenFor().toNanos() / scheduler.speed()))))
          .permittedNumberOfCallsInHalfOpenState(1)
          .build());
    }
  }

  private final Vertx vertx;
  private final Scheduler scheduler;
  private final Settings settings;
  private final Retry retry;
  private final Budget budget;
  private final CircuitBreaker breaker;

  /** A caller with a budget and breaker of its own (one cutover, one command, a test). */
  public Resilient(Vertx vertx, Scheduler scheduler, Settings settings) {
    this(vertx, scheduler, settings, Shared.of(scheduler, settings));
  }

  /** A caller sharing the process's budget and breaker for the service with every other caller. */
  public Resilient(Vertx vertx, Scheduler scheduler, Settings settings, Shared shared) {
    this.vertx = vertx;
    this.scheduler = scheduler;
    this.settings = settings;
    this.budget = shared.budget();
    this.breaker = shared.breaker();
    String name = settings.service();
    this.retry = Retry.of(name, RetryConfig.custom()
        // the deadline bounds the attempts; this cap only guards against a deadline that never passes
        .maxAttempts(10_000)
        .intervalFunction(settings.backoff())
        .retryOnException(AwsErrors::retryable)
        .build());
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
    return call(name, Priority.READ, call);
  }

  /**
   * As {@link #call(String, Supplier)}, queueing for the shared budget with {@code priority}. A
   * {@link Priority#REVERT} goes ahead of every other waiting call and is attempted even while the breaker is open:
   * putting traffic back on Heroku is worth one more request to a struggling endpoint.
   */
  public <T> Future<T> call(String name, Priority priority, Supplier<CompletableFuture<T>> call) {
    Context context = vertx.getOrCreateContext();
    Instant start = scheduler.clock().instant();
    Attempts<T> attempts = new Attempts<>(name, priority, call, context, start, retry.asyncContext());
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

  /** The attempts of one call: each waits for a permit from the shared budget, asks the breaker, then runs. */
  private final class Attempts<T> {
    private final String name;
    private final Priority priority;
    private final Supplier<CompletableFuture<T>> call;
    private final Context context;
    private final Instant start;
    private final Retry.AsyncContext<T> retryContext;
    private int attempt;
    private Throwable lastError;
    private boolean expired;

    Attempts(String name, Priority priority, Supplier<CompletableFuture<T>> call, Context context, Instant start,
        Retry.AsyncContext<T> retryContext) {
      this.name = name;
      this.priority = priority;
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
      Duration left = settings.deadline().minus(Duration.between(start, scheduler.clock().instant()));
      Promise<Void> permitted = Promise.promise();
      budget.permit(priority, left.isNegative() ? Duration.ZERO : left)
          .onComplete(ar -> context.runOnContext(v -> permitted.handle(ar)));
      return permitted.future().transform(ar -> {
        if (expired) {
          // the caller has its answer (the deadline passed while this attempt waited): send nothing more
          return Future.failedFuture(gaveUp(attempt - 1, "deadline passed", lastError));
        }
        return ar.succeeded() ? once(attempt)
            : Future.failedFuture(gaveUp(attempt - 1, "client-side rate limit: " + ar.cause().getMessage(), null));
      });
    }

    private Future<T> once(int attempt) {
      boolean counted = breaker.tryAcquirePermission();
      if (!counted && priority != Priority.REVERT) {
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
          if (counted) {
            breaker.onSuccess(took, breaker.getTimestampUnit());
          }
          retryContext.onComplete();
          return Future.succeededFuture(ar.result());
        }
        Throwable error = AwsErrors.unwrap(ar.cause());
        lastError = error;
        if (counted) {
          breaker.onError(took, breaker.getTimestampUnit(), error);
        }
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
