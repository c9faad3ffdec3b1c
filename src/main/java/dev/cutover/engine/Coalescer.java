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
 * answered by one call for the union of their items (DESIGN semantics 9: one range read per zone and poll, one
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
  private final BiFunction<K, List<I>, Future<R>> call;
  private final Map<K, Batch<I, R>> open = new HashMap<>();
  private long calls;

  private static final class Batch<I, R> {
    final Set<I> items = new LinkedHashSet<>();
    final Promise<R> answer = Promise.promise();
  }

  Coalescer(Scheduler scheduler, BiFunction<K, List<I>, Future<R>> call) {
    this.scheduler = scheduler;
    this.call = call;
  }

  /** The answer of the batched call that includes {@code items}; the caller picks its own items out of it. */
  Future<R> request(K key, List<I> items) {
    Batch<I, R> batch;
    boolean first;
    synchronized (this) {
      batch = open.get(key);
      first = batch == null;
      if (first) {
        batch = new Batch<>();
        open.put(key, batch);
      }
      batch.items.addAll(items);
    }
    if (first) {
      Batch<I, R> b = batch;
      scheduler.schedule(window(), () -> flush(key, b));
    }
    return batch.answer.future();
  }

  private Duration window() {
    return Duration.ofNanos((long) (WINDOW.toNanos() * Math.max(1.0, scheduler.speed())));
  }

  private void flush(K key, Batch<I, R> batch) {
    List<I> union;
    synchronized (this) {
      open.remove(key, batch);
      union = new ArrayList<>(batch.items);
      calls++;
    }
    Future<R> answer;
    try {
      answer = call.apply(key, union);
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
