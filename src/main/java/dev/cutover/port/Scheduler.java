package dev.cutover.port;

import java.time.Clock;
import java.time.Duration;

/**
 * Time as a dependency: the clock everybody reads and the timers everybody sets. Production uses wall time; a
 * rehearsal or the demo compresses time (a 30-minute bake in seconds) by handing every component the same
 * scaled scheduler; tests use a virtual one. Durations are in the scheduler's time, never wall time.
 */
public interface Scheduler {

  /** The clock in this scheduler's time. */
  Clock clock();

  /** Runs {@code task} once after {@code delay} (scheduler time). Returns an id for {@link #cancel}. */
  long schedule(Duration delay, Runnable task);

  /** Runs {@code task} every {@code every} (scheduler time) until cancelled. */
  long periodic(Duration every, Runnable task);

  /** Cancels a timer; unknown or already fired ids are ignored. */
  void cancel(long id);

  /** How many scheduler seconds pass per wall second (1 for production). */
  default double speed() {
    return 1.0;
  }
}
