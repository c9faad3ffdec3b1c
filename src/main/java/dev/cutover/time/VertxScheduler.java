package dev.cutover.time;

import dev.cutover.port.Scheduler;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;

/** Vert.x timers in (possibly scaled) scheduler time: a delay of d fires after d / speed of wall time. */
public final class VertxScheduler implements Scheduler {
  private final Vertx vertx;
  private final Clock clock;
  private final double speed;

  public VertxScheduler(Vertx vertx, Clock clock, double speed) {
    this.vertx = vertx;
    this.clock = clock;
    this.speed = speed;
  }

  /** Wall time, no compression. */
  public static VertxScheduler wallTime(Vertx vertx) {
    return new VertxScheduler(vertx, Clock.systemUTC(), 1.0);
  }

  /** Compressed time: a fresh {@link ScaledClock} running {@code speed} times faster than the wall. */
  public static VertxScheduler scaled(Vertx vertx, double speed) {
    return new VertxScheduler(vertx, new ScaledClock(Clock.systemUTC(), speed), speed);
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public double speed() {
    return speed;
  }

  @Override
  public long schedule(Duration delay, Runnable task) {
    return vertx.setTimer(wallMillis(delay), id -> task.run());
  }

  @Override
  public long periodic(Duration every, Runnable task) {
    return vertx.setPeriodic(wallMillis(every), id -> task.run());
  }

  @Override
  public void cancel(long id) {
    vertx.cancelTimer(id);
  }

  private long wallMillis(Duration d) {
    return Math.max(1, (long) Math.ceil(d.toNanos() / speed / 1_000_000.0));
  }
}
