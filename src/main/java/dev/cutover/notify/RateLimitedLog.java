package dev.cutover.notify;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * A warning that may repeat fast (a full queue drops a message per event): the first is logged, then at most one
 * line per {@code every}, saying how many were left out in between.
 */
final class RateLimitedLog {
  private final Logger log;
  private final Clock clock;
  private final Duration every;
  private Instant next = Instant.MIN;
  private long suppressed;

  RateLimitedLog(Logger log, Clock clock, Duration every) {
    this.log = log;
    this.clock = clock;
    this.every = every;
  }

  synchronized void warn(String message) {
    Instant now = clock.instant();
    if (now.isBefore(next)) {
      suppressed++;
      return;
    }
    log.warn(suppressed == 0 ? message : message + " (" + suppressed + " more like it since the last such line)");
    suppressed = 0;
    next = now.plus(every);
  }
}
