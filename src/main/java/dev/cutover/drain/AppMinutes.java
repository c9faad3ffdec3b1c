package dev.cutover.drain;

import dev.cutover.port.HerokuTraffic.Figures;
import dev.cutover.port.HerokuTraffic.Latency;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.HdrHistogram.IntCountsHistogram;

/**
 * One app's router requests per UTC minute over a retention window: counts, 5xx and an HdrHistogram of the
 * {@code service=} times (1% precision, 0 ms to one hour), plus what has not been published to CloudWatch yet.
 * A minute is stamped by the router's own timestamps, so a batch that arrives late still lands in its minute.
 * Thread-safe (one lock per app).
 */
final class AppMinutes {
  /** The longest {@code service=} time kept apart; longer ones count as this (Heroku's router stops at 30 s). */
  static final long MAX_MILLIS = Duration.ofHours(1).toMillis();
  /** Lines stamped further ahead of the clock than this are refused (a clock that is wrong). */
  static final Duration MAX_AHEAD = Duration.ofMinutes(5);
  private static final int SIGNIFICANT_DIGITS = 2;

  /** What a minute gained since it was last published. */
  record Unpublished(Instant minute, long requests, long serverErrors, IntCountsHistogram latency) {}

  private static final class Minute {
    long requests;
    long errors;
    final IntCountsHistogram latency = histogram();
    long newRequests;
    long newErrors;
    IntCountsHistogram newLatency;
  }

  private final Duration retention;
  private final TreeMap<Long, Minute> minutes = new TreeMap<>();

  AppMinutes(Duration retention) {
    if (retention.toMinutes() < 1) {
      throw new IllegalArgumentException("retention must be at least one minute, got " + retention);
    }
    this.retention = retention;
  }

  static IntCountsHistogram histogram() {
    return new IntCountsHistogram(1, MAX_MILLIS, SIGNIFICANT_DIGITS);
  }

  /** Counts {@code r}; false (nothing counted) when it lies before the retention or too far ahead of {@code now}. */
  synchronized boolean add(RouterLine.Request r, Instant now) {
    if (r.at().isBefore(now.minus(retention)) || r.at().isAfter(now.plus(MAX_AHEAD))) {
      return false;
    }
    evictBefore(now.minus(retention));
    Minute m = minutes.computeIfAbsent(minuteOf(r.at()), k -> new Minute());
    m.requests++;
    m.newRequests++;
    if (r.serverError()) {
      m.errors++;
      m.newErrors++;
    }
    if (r.serviceMillis() >= 0) {
      long v = Math.min(MAX_MILLIS, r.serviceMillis());
      m.latency.recordValue(v);
      if (m.newLatency == null) {
        m.newLatency = histogram();
      }
      m.newLatency.recordValue(v);
    }
    return true;
  }

  synchronized List<Figures> minutes(Instant from, Instant to) {
    List<Figures> out = new ArrayList<>();
    for (Map.Entry<Long, Minute> e : range(from, to).entrySet()) {
      Minute m = e.getValue();
      out.add(new Figures(start(e.getKey()), start(e.getKey() + 1), m.requests, m.errors, latency(m.latency)));
    }
    return out;
  }

  synchronized Figures window(Instant from, Instant to) {
    long requests = 0;
    long errors = 0;
    IntCountsHistogram merged = histogram();
    for (Minute m : range(from, to).values()) {
      requests += m.requests;
      errors += m.errors;
      merged.add(m.latency);
    }
    long end = Math.max(minuteOf(from), ceilMinute(to));
    return new Figures(start(minuteOf(from)), start(end), requests, errors, latency(merged));
  }

  /** Takes what each minute gained since the last call, oldest minute first. */
  synchronized List<Unpublished> takeUnpublished() {
    List<Unpublished> out = new ArrayList<>();
    for (Map.Entry<Long, Minute> e : minutes.entrySet()) {
      Minute m = e.getValue();
      if (m.newRequests == 0) {
        continue;
      }
      out.add(new Unpublished(start(e.getKey()), m.newRequests, m.newErrors,
          m.newLatency == null ? histogram() : m.newLatency));
      m.newRequests = 0;
      m.newErrors = 0;
      m.newLatency = null;
    }
    return out;
  }

  /** Gives back what could not be published, to go with the next publication (minutes since evicted are lost). */
  synchronized void putBack(List<Unpublished> back) {
    for (Unpublished u : back) {
      Minute m = minutes.get(minuteOf(u.minute()));
      if (m == null) {
        continue;
      }
      m.newRequests += u.requests();
      m.newErrors += u.serverErrors();
      if (u.latency().getTotalCount() > 0) {
        if (m.newLatency == null) {
          m.newLatency = histogram();
        }
        m.newLatency.add(u.latency());
      }
    }
  }

  /** Percentiles of {@code h} in milliseconds, or {@link Latency#NONE} when it is empty. */
  static Latency latency(IntCountsHistogram h) {
    long n = h.getTotalCount();
    if (n == 0) {
      return Latency.NONE;
    }
    return new Latency(n, h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(95),
        h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
  }

  private Map<Long, Minute> range(Instant from, Instant to) {
    long first = minuteOf(from);
    long end = ceilMinute(to);
    return end <= first ? Map.of() : minutes.subMap(first, end);
  }

  private void evictBefore(Instant oldest) {
    long first = minuteOf(oldest);
    for (Iterator<Long> it = minutes.keySet().iterator(); it.hasNext(); ) {
      if (it.next() >= first) {
        break;
      }
      it.remove();
    }
  }

  static long minuteOf(Instant t) {
    return Math.floorDiv(t.getEpochSecond(), 60);
  }

  private static long ceilMinute(Instant t) {
    long m = minuteOf(t);
    return start(m).equals(t) ? m : m + 1;
  }

  private static Instant start(long minute) {
    return Instant.ofEpochSecond(minute * 60);
  }
}
