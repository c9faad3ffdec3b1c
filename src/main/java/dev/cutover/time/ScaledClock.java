package dev.cutover.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock that runs {@code speed} times faster than the wall clock from a fixed origin. With speed 1 it is the
 * wall clock. The demo and rehearsals hand the same instance to the sandbox and the engine, so a 10-minute bake
 * and a 60-second alarm period shrink together.
 */
public final class ScaledClock extends Clock {
  private final Clock wall;
  private final double speed;
  private final Instant origin;
  private final long wallOriginNanos;

  public ScaledClock(Clock wall, double speed) {
    if (!(speed > 0) || Double.isInfinite(speed)) {
      throw new IllegalArgumentException("time speed must be a positive number, got " + speed);
    }
    this.wall = wall;
    this.speed = speed;
    this.origin = wall.instant();
    this.wallOriginNanos = System.nanoTime();
  }

  public double speed() {
    return speed;
  }

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
    if (speed == 1.0) {
      return wall.instant();
    }
    long elapsedWall = System.nanoTime() - wallOriginNanos;
    return origin.plusNanos((long) (elapsedWall * speed));
  }
}
