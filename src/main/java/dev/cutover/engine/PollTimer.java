package dev.cutover.engine;

import dev.cutover.port.Scheduler;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * A drift-free periodic timer in scheduler time whose ticks fall on the poll grid: multiples of {@code every}
 * since the epoch. Every cutover polling at the same interval ticks at the same instants, so a process running many
 * of them can answer their reads with one batched AWS call (README, "One account, one budget"). Each tick gets the time it fired,
 * which is the time its reading is asked for; a late tick never shifts the grid.
 */
final class PollTimer {
  private final Scheduler scheduler;
  private final Duration every;
  private final Consumer<Instant> tick;
  private long timer = -1;
  private boolean stopped;

  PollTimer(Scheduler scheduler, Duration every, Consumer<Instant> tick) {
    this.scheduler = scheduler;
    this.every = every;
    this.tick = tick;
  }

  /** The first grid instant strictly after {@code now}. */
  static Instant nextOnGrid(Instant now, Duration every) {
    long period = every.toNanos();
    long sinceEpoch = now.getEpochSecond() * 1_000_000_000L + now.getNano(); // fits a long until 2262
    return now.plusNanos(period - Math.floorMod(sinceEpoch, period));
  }

  void start() {
    Instant now = scheduler.clock().instant();
    arm(nextOnGrid(now, every), now);
  }

  private void arm(Instant due, Instant now) {
    if (stopped) {
      return;
    }
    Duration delay = Duration.between(now, due);
    timer = scheduler.schedule(delay.isNegative() ? Duration.ZERO : delay, () -> fire(due));
  }

  private void fire(Instant due) {
    if (stopped) {
      return;
    }
    Instant now = scheduler.clock().instant();
    // a late tick (a stalled process) asks at once; missed ticks are not made up, the grid does not move
    Instant next = due.plus(every);
    while (!next.isAfter(now)) {
      next = next.plus(every);
    }
    arm(next, now);
    tick.accept(now);
  }

  void stop() {
    stopped = true;
    if (timer != -1) {
      scheduler.cancel(timer);
    }
  }
}
