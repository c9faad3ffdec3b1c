package dev.cutover.sandbox.cloudwatch;

import java.time.Instant;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The data of one metric, bounded: samples are folded into {@value #RESOLUTION_SECONDS}-second buckets holding
 * count, sum, minimum, maximum and a histogram of raw values quantized to three significant digits (for
 * percentiles, relative error at most 0.5%); buckets older than the retention are dropped. Memory per bucket grows
 * with the number of distinct quantized values (at most 900 per decade), not with the request rate. Not
 * thread-safe: the model guards it.
 */
final class MetricSeries {
  static final int RESOLUTION_SECONDS = 10;

  private final NavigableMap<Long, Bucket> buckets = new TreeMap<>();
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
    return buckets.computeIfAbsent(start, k -> new Bucket());
  }

  void prune(Instant before) {
    buckets.headMap(before.getEpochSecond(), false).clear();
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
    Aggregate a = new Aggregate();
    for (Bucket b : range.values()) {
      a.count += b.count;
      a.sum += b.sum;
      a.min = Math.min(a.min, b.min);
      a.max = Math.max(a.max, b.max);
      b.histogram.forEach((v, n) -> a.histogram.merge(v, n, Double::sum));
    }
    return a.count > 0 ? a : null;
  }

  /** Rounds to three significant digits. */
  static double quantize(double v) {
    if (v == 0) {
      return 0;
    }
    int exponent = (int) Math.floor(Math.log10(Math.abs(v)));
    int digits = 2 - exponent;
    if (digits >= 0) {
      double m = Math.pow(10, digits);
      return Math.round(v * m) / m;
    }
    double d = Math.pow(10, -digits);
    return Math.round(v / d) * d;
  }

  /** Statistics over one period. */
  static final class Aggregate {
    double count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final NavigableMap<Double, Double> histogram = new TreeMap<>();

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
          return Math.max(min, Math.min(max, e.getKey()));
        }
      }
      return histogram.lastKey();
    }
  }

  private static final class Bucket {
    double count;
    double sum;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    final NavigableMap<Double, Double> histogram = new TreeMap<>();

    void add(double value, double n) {
      count += n;
      sum += value * n;
      min = Math.min(min, value);
      max = Math.max(max, value);
      histogram.merge(quantize(value), n, Double::sum);
    }
  }
}
