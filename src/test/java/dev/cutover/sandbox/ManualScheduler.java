package dev.cutover.sandbox;

import dev.cutover.port.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Test kit: a virtual scheduler. Time moves only in {@link #advance}, which runs every timer that falls due, in
 * time order, with the clock set to each timer's due time. Single-threaded by design.
 */
public final class ManualScheduler implements Scheduler {
  private final VirtualClock clock;
  private final PriorityQueue<Timer> timers =
      new PriorityQueue<>(Comparator.comparing(Timer::due).thenComparingLong(Timer::id));
  private long nextId = 1;

  private record Timer(long id, Instant due, Duration every, Runnable task) {}

  public ManualScheduler(Instant start) {
    this.clock = new VirtualClock(start);
  }

  public static ManualScheduler atNoon() {
    return new ManualScheduler(Instant.parse("2026-11-21T12:00:00Z"));
  }

  @Override
  public Clock clock() {
    return clock;
  }

  public Instant now() {
    return clock.now;
  }

  @Override
  public long schedule(Duration delay, Runnable task) {
    long id = nextId++;
    timers.add(new Timer(id, clock.now.plus(delay), null, task));
    return id;
  }

  @Override
  public long periodic(Duration every, Runnable task) {
    long id = nextId++;
    timers.add(new Timer(id, clock.now.plus(every), every, task));
    return id;
  }

  @Override
  public void cancel(long id) {
    timers.removeIf(t -> t.id() == id);
  }

  /** Moves time forward by {@code by}, running due timers on the way. */
  public void advance(Duration by) {
    Instant end = clock.now.plus(by);
    while (!timers.isEmpty() && !timers.peek().due().isAfter(end)) {
      Timer t = timers.poll();
      clock.now = t.due();
      if (t.every() != null) {
        timers.add(new Timer(t.id(), t.due().plus(t.every()), t.every(), t.task()));
      }
      t.task().run();
    }
    clock.now = end;
  }

  private static final class VirtualClock extends Clock {
    private Instant now;

    VirtualClock(Instant now) {
      this.now = now;
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
