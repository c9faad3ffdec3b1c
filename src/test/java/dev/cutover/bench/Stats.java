package dev.cutover.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Order statistics over samples in nanoseconds (nearest rank, no interpolation: a p99 is a real sample). */
final class Stats {
  private final long[] sorted;

  Stats(List<Long> nanos) {
    sorted = nanos.stream().mapToLong(Long::longValue).sorted().toArray();
  }

  Stats(long[] nanos, int count) {
    sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
  }

  int n() {
    return sorted.length;
  }

  /** The sample at rank ceil(p/100 * n). */
  long percentile(double p) {
    if (sorted.length == 0) {
      return -1;
    }
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
  }

  long min() {
    return percentile(0);
  }

  long max() {
    return percentile(100);
  }

  static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
  }

  /** Milliseconds precision, for figures judged against a limit close to them. */
  static String preciseSeconds(long nanos) {
    return String.format(Locale.ROOT, "%.3f s", nanos / 1e9);
  }

  static String millis(long nanos) {
    return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
  }
}
