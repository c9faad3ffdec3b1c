package dev.cutover.journal;

import dev.cutover.port.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A virtual clock and timers that fire only when the test says so: {@link #advance} moves the clock and runs
 * every timer that falls due on the way (a live process); {@link #advanceClockOnly} moves the clock and runs
 * nothing (a process that died or hangs).
 */
final class ManualScheduler implements Scheduler {
  private volatile Instant now;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, Timer> timers = new ConcurrentHashMap<>();

  private record Timer(long id, Instant due, Duration every, Runnable task) {}

  ManualScheduler(Instant start) {
    this.now = start;
  }

  @Override
  public Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return now;
      }
    };
  }

  @Override
  public long schedule(Duration delay, Runnable task) {
    long id = ids.incrementAndGet();
    timers.put(id, new Timer(id, now.plus(delay), null, task));
    return id;
  }

  @Override
  public long periodic(Duration every, Runnable task) {
    long id = ids.incrementAndGet();
    timers.put(id, new Timer(id, now.plus(every), every, task));
    return id;
  }

  @Override
  public void cancel(long id) {
    timers.remove(id);
  }

  int activeTimers() {
    return timers.size();
  }

  void advanceClockOnly(Duration d) {
    now = now.plus(d);
  }

  /** Moves the clock to each due timer in turn and runs it, until {@code d} has passed. */
  void advance(Duration d) {
    Instant until = now.plus(d);
    while (true) {
      List<Timer> due = new ArrayList<>(timers.values());
      due.removeIf(t -> t.due().isAfter(until));
      if (due.isEmpty()) {
        break;
      }
      Timer next = due.stream().min(Comparator.comparing(Timer::due).thenComparing(Timer::id)).orElseThrow();
      if (next.due().isAfter(now)) {
        now = next.due();
      }
      if (next.every() == null) {
        timers.remove(next.id());
      } else {
        timers.replace(next.id(), next, new Timer(next.id(), next.due().plus(next.every()), next.every(),
            next.task()));
      }
      next.task().run();
    }
    now = until;
  }
}
