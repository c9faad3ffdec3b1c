package dev.cutover.sandbox.cloudwatch;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The data of one metric, bounded: samples are folded into {@value #RESOLUTION_SECONDS}-second buckets holding
 * count, sum, minimum, maximum and a {@link Histogram} of raw values (for percentiles, within about 1%); buckets
 * older than the retention are dropped. Memory per bucket grows with the spread of the values (about 116 bins per
 * decade), not with the request rate. Not thread-safe: the model guards it.
 */
final class MetricSeries {
  static final int RESOLUTION_SECONDS = 10;

  static final int CACHE_ENTRIES = 32;

  private final NavigableMap<Long, Bucket> buckets = new TreeMap<>();
  /** Aggregates of recent ranges, valid while no bucket in the range changed since (alarms re-read them often). */
  private final Map<Range, Cached> cache = new LinkedHashMap<>(CACHE_ENTRIES, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Range, Cached> eldest) {
      return size() > CACHE_ENTRIES;
    }
  };
  private long version;
  private String unit;
  private Instant lastPublished = Instant.EPOCH;

  void add(Instant timestamp, double value, double count, String unit) {
    if (count <= 0 || !Double.isFinite(value)) {
      return;
    }
    bucket(timestamp).add(value, count);
    touched(timestamp, unit);
  }

  void addStatistics(Instant timestamp, double sampleCount, double sum, double min, double max, String unit) {
    if (sampleCount <= 0) {
      return;
    }
    Bucket b = bucket(timestamp);
    b.count += sampleCount;
    b.sum += sum;
    b.min = Math.min(b.min, min);
    b.max = Math.max(b.max, max);
    touched(timestamp, unit);
  }

  private void touched(Instant timestamp, String newUnit) {
    if (newUnit != null) {
      unit = newUnit;
    }
    if (timestamp.isAfter(lastPublished)) {
      lastPublished = timestamp;
    }
  }

  private Bucket bucket(Instant timestamp) {
    long start = Math.floorDiv(timestamp.getEpochSecond(), RESOLUTION_SECONDS) * RESOLUTION_SECONDS;
    Bucket b = buckets.get(start);
    if (b == null) {
      Map.Entry<Long, Bucket> newest = buckets.lastEntry();
      if (newest != null && newest.getKey() < start) {
        newest.getValue().histogram.seal();
      }
      b = new Bucket();
      buckets.put(start, b);
    }
    b.modified = ++version;
    return b;
  }

  private record Cached(long version, Aggregate aggregate) {}

  private record Range(long from, long to) {}

  void prune(Instant before) {
    NavigableMap<Long, Bucket> old = buckets.headMap(before.getEpochSecond(), false);
    if (!old.isEmpty()) {
      old.clear();
      cache.clear();
    }
  }

  boolean isEmpty() {
    return buckets.isEmpty();
  }

  Instant lastPublished() {
    return lastPublished;
  }

  String unit() {
    return unit;
  }

  /** Aggregates the buckets whose start lies in [from, to), or null when there is no sample there. */
  Aggregate aggregate(long fromEpochSecond, long toEpochSecond) {
    NavigableMap<Long, Bucket> range = buckets.subMap(fromEpochSecond, true, toEpochSecond, false);
    if (range.isEmpty()) {
      return null;
    }
    Range key = new Range(fromEpochSecond, toEpochSecond);
    Cached cached = cache.get(key);
    if (cached != null && range.values().stream().allMatch(b -> b.modified <= cached.version())) {
      return cached.aggregate();
    }
    Aggregate a = compute(range);
    if (a != null) {
      cache.put(key, new Cached(version, a));
    }
    return a;
  }

  private static Aggregate compute(NavigableMap<Long, Bucket> range) {
    Aggregate a = new Aggregate();
    for (Bucket b : range.values()) {
      a.count += b.count;
      a.sum += b.sum;
      a.min = Math.min(a.min, b.min);
      a.max = Math.max(a.max, b.max);
      b.histogram.addTo(a.histogram);
    }
    return a.count > 0 ? a : null;
  }

  /** Statistics over one period. */
  static final class Aggregate {
    double count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final NavigableMap<Integer, Double> histogram = new TreeMap<>();

    /** The percentile (0..100) of the raw values, or NaN when only statistic sets arrived. */
    double percentile(double p) {
      double total = 0;
      for (double n : histogram.values()) {
        total += n;
      }
      if (total == 0) {
        return Double.NaN;
      }
      double target = p / 100.0 * total;
      double cumulative = 0;
      for (var e : histogram.entrySet()) {
        cumulative += e.getValue();
        if (cumulative >= target - 1e-9) {
          return Math.max(min, Math.min(max, Histogram.representative(e.getKey())));
        }
      }
      return max;
    }
  }

  private static final class Bucket {
    double count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final Histogram histogram = new Histogram();
    long modified;

    void add(double value, double n) {
      count += n;
      sum += value * n;
      min = Math.min(min, value);
      max = Math.max(max, value);
      histogram.add(value, n);
    }
  }
}
