package dev.cutover.engine;

import dev.cutover.port.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Many callers' requests for items of one key (a hosted zone, an account's alarms), arriving within a short window,
 * answered by one call for the union of their items (README, "One account, one budget": one range read per zone and poll, one
 * DescribeAlarms per 100 names, an alarm watched by several cutovers read once). Thread-safe: cutovers run on
 * different event loops. Cutovers poll on a common grid ({@link PollTimer}), so their reads meet in one window.
 *
 * @param <K> what one batched call is for (a zone id; one constant for alarms)
 * @param <I> one requested item (a record pair, an alarm name)
 * @param <R> the answer for the union
 */
final class Coalescer<K, I, R> {
  /** How long the first request of a batch waits for others, in wall time (scaled into scheduler time). */
  static final Duration WINDOW = Duration.ofMillis(20);

  private final Scheduler scheduler;
  private final Map<K, Batch<K, I, R>> open = new HashMap<>();
  private long calls;

  private static final class Batch<K, I, R> {
    final Set<I> items = new LinkedHashSet<>();
    final Promise<R> answer = Promise.promise();
    final BiFunction<K, List<I>, Future<R>> call;

    Batch(BiFunction<K, List<I>, Future<R>> call) {
      this.call = call;
    }
  }

  Coalescer(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * The answer of the batched call that includes {@code items}; the caller picks its own items out of it. The
   * first request of a batch names the call that answers it (each cutover's adapter reads alike).
   */
  Future<R> request(K key, List<I> items, BiFunction<K, List<I>, Future<R>> call) {
    Batch<K, I, R> batch;
    boolean first;
    synchronized (this) {
      batch = open.get(key);
      first = batch == null;
      if (first) {
        batch = new Batch<>(call);
        open.put(key, batch);
      }
      batch.items.addAll(items);
    }
    if (first) {
      Batch<K, I, R> b = batch;
      scheduler.schedule(window(), () -> flush(key, b));
    }
    return batch.answer.future();
  }

  private Duration window() {
    return Duration.ofNanos((long) (WINDOW.toNanos() * Math.max(1.0, scheduler.speed())));
  }

  private void flush(K key, Batch<K, I, R> batch) {
    List<I> union;
    synchronized (this) {
      open.remove(key, batch);
      union = new ArrayList<>(batch.items);
      calls++;
    }
    Future<R> answer;
    try {
      answer = batch.call.apply(key, union);
    } catch (RuntimeException e) {
      answer = Future.failedFuture(e);
    }
    answer.onComplete(batch.answer);
  }

  /** Batched calls made so far (for tests and metrics). */
  synchronized long calls() {
    return calls;
  }
}
