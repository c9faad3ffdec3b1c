package dev.cutover.notify;

import dev.cutover.domain.NotifySettings;
import dev.cutover.port.NotificationCounts;
import dev.cutover.port.Scheduler;
import io.vertx.core.AsyncResult;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One sink's delivery: a bounded queue, one message in flight at a time (so a chat reads in order), attempts with
 * {@link Backoff} on the injected scheduler. {@link #offer} only enqueues and sets a timer: whoever publishes (a
 * cutover's event loop) never waits for rendering, a network or a retry. A full queue drops its oldest waiting
 * message (the newest says how things stand now), counted and logged at most once per {@link #LOG_EVERY}.
 */
final class SinkQueue {
  private static final Logger log = LoggerFactory.getLogger(SinkQueue.class);
  static final Duration LOG_EVERY = Duration.ofMinutes(1);

  private final String name;
  private final String type;
  private final Outbound outbound;
  private final Transport transport;
  private final Scheduler scheduler;
  private final NotifySettings.Delivery delivery;
  private final Backoff backoff;
  private final Redactor redactor;
  private final RateLimitedLog drops;
  private final RateLimitedLog failures;
  private final ArrayDeque<Notice> waiting = new ArrayDeque<>();
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  /** A message is in flight or waits for its next attempt. */
  private boolean busy;
  private Notice current;
  private long retryTimer = -1;
  private boolean closing;
  private Promise<Void> drained;

  /** @param redactor knows every sink's secrets: a receiver's answer may echo any of them */
  SinkQueue(String name, String type, Outbound outbound, Transport transport, Scheduler scheduler,
      NotifySettings.Delivery delivery, Redactor redactor) {
    this.name = name;
    this.type = type;
    this.outbound = outbound;
    this.transport = transport;
    this.scheduler = scheduler;
    this.delivery = delivery;
    this.backoff = new Backoff(delivery.backoff(), delivery.maxBackoff());
    this.redactor = redactor;
    this.drops = new RateLimitedLog(log, scheduler.clock(), LOG_EVERY);
    this.failures = new RateLimitedLog(log, scheduler.clock(), LOG_EVERY);
  }

  Outbound outbound() {
    return outbound;
  }

  /** Queues {@code n}; never blocks. False when this sink is closing (the notice is dropped and counted). */
  boolean offer(Notice n) {
    Notice lost = null;
    boolean accepted;
    synchronized (this) {
      accepted = !closing;
      if (!accepted) {
        lost = n;
      } else {
        if (waiting.size() >= delivery.queue()) {
          lost = waiting.pollFirst();
        }
        waiting.addLast(n);
        if (!busy) {
          busy = true;
          scheduler.schedule(Duration.ZERO, this::next);
        }
      }
    }
    if (lost != null) {
      dropped.incrementAndGet();
      String why = accepted ? ": " + delivery.queue() + " messages already wait (delivery.queue); the sink is slow"
          + " or failing" : ": notifications are closing";
      Notice l = lost;
      about(l, () -> drops.warn(what() + ": dropped " + describe(l) + why + " (" + dropped.get()
          + " dropped so far)"));
    }
    return accepted;
  }

  private void next() {
    Notice n;
    synchronized (this) {
      n = waiting.pollFirst();
      current = n;
      if (n == null) {
        busy = false;
        if (drained != null) {
          drained.tryComplete();
        }
        return;
      }
    }
    attempt(n, 1);
  }

  private void attempt(Notice n, int attempt) {
    Request request;
    try {
      request = outbound.request(n, scheduler.clock().instant());
    } catch (RuntimeException bug) {
      giveUp(n, "could not render it: " + bug.getClass().getSimpleName());
      return;
    }
    transport.post(request, delivery.timeout()).onComplete(ar -> judge(n, attempt, ar));
  }

  private void judge(Notice n, int attempt, AsyncResult<Reply> ar) {
    if (ar.succeeded() && ar.result().delivered()) {
      sent.incrementAndGet();
      next();
      return;
    }
    String why = ar.succeeded() ? "HTTP " + ar.result().status() + excerpt(ar.result())
        : redactor.clean(String.valueOf(ar.cause().getMessage()));
    boolean retryable = ar.failed() || ar.result().retryable();
    if (!retryable) {
      giveUp(n, "refused: " + why + " (a permanent refusal: check the sink's URL or key)");
      return;
    }
    if (attempt >= delivery.attempts()) {
      giveUp(n, "attempt " + attempt + " of " + delivery.attempts() + " failed: " + why);
      return;
    }
    Optional<Duration> asked = ar.succeeded()
        ? Backoff.retryAfter(ar.result().retryAfter(), scheduler.clock().instant()) : Optional.empty();
    Duration wait = backoff.after(attempt, asked);
    about(n, () -> log.info("{}: attempt {} of {} for {} failed ({}); next in {} ms", what(), attempt,
        delivery.attempts(), describe(n), why, wait.toMillis()));
    synchronized (this) {
      if (current != n) {
        return; // abandoned meanwhile by a close
      }
      retries.incrementAndGet();
      retryTimer = scheduler.schedule(wait, () -> {
        synchronized (this) {
          retryTimer = -1;
          if (current != n) {
            return;
          }
        }
        attempt(n, attempt + 1);
      });
    }
  }

  private void giveUp(Notice n, String why) {
    failed.incrementAndGet();
    about(n, () -> failures.warn(what() + ": gave up on " + describe(n) + ": " + why + " (" + failed.get()
        + " failed so far)"));
    next();
  }

  private String excerpt(Reply r) {
    String e = redactor.clean(r.excerpt()).replaceAll("\\s+", " ").strip();
    return e.isEmpty() ? "" : " " + (e.length() > 200 ? e.substring(0, 200) + "…" : e);
  }

  /**
   * Accepts nothing more; completes when every queued message is delivered or given up, or after {@code drain}
   * (the rest is dropped and counted).
   */
  Future<Void> close(Duration drain) {
    Promise<Void> done;
    synchronized (this) {
      closing = true;
      if (!busy) {
        return Future.succeededFuture();
      }
      if (drained == null) {
        drained = Promise.promise();
        scheduler.schedule(drain, this::abandon);
      }
      done = drained;
    }
    return done.future();
  }

  private void abandon() {
    int left;
    synchronized (this) {
      if (drained == null || drained.future().isComplete()) {
        return;
      }
      left = waiting.size() + (retryTimer >= 0 ? 1 : 0);
      if (retryTimer >= 0) {
        scheduler.cancel(retryTimer);
        retryTimer = -1;
      }
      waiting.clear();
      current = null;
      busy = false;
    }
    if (left > 0) {
      dropped.addAndGet(left);
      log.warn("{}: stopping with {} notification(s) undelivered (dropped)", what(), left);
    }
    drained.tryComplete();
  }

  NotificationCounts.Sink counts() {
    int queued;
    synchronized (this) {
      queued = waiting.size();
    }
    return new NotificationCounts.Sink(name, type, sent.get(), failed.get(), dropped.get(), retries.get(), queued);
  }

  /** Logs with the notice's cutover id in the MDC, as every log line of a cutover carries it. */
  private static void about(Notice n, Runnable logging) {
    String id = n.context().cutoverId();
    if (id == null) {
      logging.run();
      return;
    }
    try (MDC.MDCCloseable c = MDC.putCloseable("cutover", id)) {
      logging.run();
    }
  }

  private String what() {
    return "notification sink " + name + " (" + type + ")";
  }

  private static String describe(Notice n) {
    String kind = n.classification().kind().label();
    return "the " + kind + " notice of plan " + n.plan().name()
        + (kind.equals(n.event().type()) ? "" : " (" + n.event().type() + ")");
  }
}
