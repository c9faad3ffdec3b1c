package dev.cutover.testkit;

import dev.cutover.port.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Test kit: a virtual scheduler. {@link #advance} moves the clock and runs every timer that falls due on the way,
 * in time order, with the clock at each timer's due time (a live process); {@link #advanceClockOnly} moves the
 * clock and runs nothing (a process that died or hangs). Thread-safe; timers run on the advancing thread.
 */
public final class ManualScheduler implements Scheduler {
  private final MutableClock clock;
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(Comparator.comparing(Timer::due).thenComparingLong(Timer::id));
  private long nextId = 1;

  private record Timer(long id, Instant due, Duration every, Runnable task) {}

  public ManualScheduler(Instant start) {
    this.clock = new MutableClock(start);
  }

  public static ManualScheduler atNoon() {
    return new ManualScheduler(Instant.parse("2026-11-21T12:00:00Z"));
  }

  @Override
  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.instant();
  }

  @Override
  public synchronized long schedule(Duration delay, Runnable task) {
    long id = nextId++;
    timers.add(new Timer(id, clock.instant().plus(delay), null, task));
    return id;
  }

  @Override
  public synchronized long periodic(Duration every, Runnable task) {
    long id = nextId++;
    timers.add(new Timer(id, clock.instant().plus(every), every, task));
    return id;
  }

  @Override
  public synchronized void cancel(long id) {
    timers.removeIf(t -> t.id() == id);
  }

  public synchronized int activeTimers() {
    return timers.size();
  }

  /** Moves time forward by {@code by}, running due timers on the way. */
  public void advance(Duration by) {
    Instant end = clock.instant().plus(by);
    while (true) {
      Timer t;
      synchronized (this) {
        if (timers.isEmpty() || timers.peek().due().isAfter(end)) {
          break;
        }
        t = timers.poll();
        clock.set(t.due());
        if (t.every() != null) {
          timers.add(new Timer(t.id(), t.due().plus(t.every()), t.every(), t.task()));
        }
      }
      t.task().run();
    }
    clock.set(end);
  }

  /** Moves the clock and runs nothing. */
  public void advanceClockOnly(Duration by) {
    clock.advance(by);
  }
}
