package dev.cutover.sandbox.cloudwatch;

import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts of values in logarithmic bins 2% wide (a bin's midpoint is within 1% of every value in it), for
 * percentiles. While a bucket is receiving data it uses a tree; {@link #seal()} packs it into two arrays (12 bytes
 * per non-empty bin), so memory grows with the spread of the values, not with their number. Not thread-safe.
 */
final class Histogram {
  private static final double LOG_GROWTH = Math.log(1.02);
  private static final int NEGATIVE_BIAS = 1_000_000;
  private static final int ZERO = -500_000;

  private TreeMap<Integer, Double> open = new TreeMap<>();
  private int[] bins;
  private double[] counts;

  void add(double value, double count) {
    if (open == null) {
      open = new TreeMap<>();
      for (int i = 0; i < bins.length; i++) {
        open.put(bins[i], counts[i]);
      }
      bins = null;
      counts = null;
    }
    open.merge(bin(value), count, Double::sum);
  }

  /** Packs the bins into arrays; a later {@link #add} unpacks them again. */
  void seal() {
    if (open != null) {
      bins = open.keySet().stream().mapToInt(Integer::intValue).toArray();
      counts = open.values().stream().mapToDouble(Double::doubleValue).toArray();
      open = null;
    }
  }

  void addTo(Map<Integer, Double> into) {
    if (open != null) {
      open.forEach((b, n) -> into.merge(b, n, Double::sum));
    } else {
      for (int i = 0; i < bins.length; i++) {
        into.merge(bins[i], counts[i], Double::sum);
      }
    }
  }

  int size() {
    return open != null ? open.size() : bins.length;
  }

  static int bin(double v) {
    if (v == 0) {
      return ZERO;
    }
    int index = (int) Math.floor(Math.log(Math.abs(v)) / LOG_GROWTH);
    return v > 0 ? index : -NEGATIVE_BIAS - index;
  }

  /** The geometric midpoint of a bin. */
  static double representative(int bin) {
    if (bin == ZERO) {
      return 0;
    }
    boolean negative = bin < ZERO;
    int index = negative ? -NEGATIVE_BIAS - bin : bin;
    double magnitude = Math.exp((index + 0.5) * LOG_GROWTH);
    return negative ? -magnitude : magnitude;
  }

  @Override
  public String toString() {
    return open != null ? open.toString() : Arrays.toString(bins);
  }
}
