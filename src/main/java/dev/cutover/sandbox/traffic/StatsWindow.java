package dev.cutover.sandbox.traffic;

import dev.cutover.sandbox.traffic.TrafficStats.BackendStats;

/**
 * Per-second counters of the last N simulated seconds in a ring: requests, 5xx and a log-scale latency histogram
 * (buckets 2% wide from 0.1 ms to about 100 s) per backend. Allocation-free after construction. Not thread-safe:
 * the traffic model guards it.
 */
final class StatsWindow {
  private static final double BASE = Math.log(1.02);
  private static final double MIN_MS = 0.1;
  static final int BUCKETS = 700;

  private final int seconds;
  private final long[] slotSecond;
  private final long[][] requests;
  private final long[][] errors;
  private final int[][][] histogram;
  private final long[] total = new long[2];

  StatsWindow(int seconds) {
    this.seconds = seconds;
    slotSecond = new long[seconds];
    java.util.Arrays.fill(slotSecond, Long.MIN_VALUE);
    requests = new long[seconds][2];
    errors = new long[seconds][2];
    histogram = new int[seconds][2][BUCKETS];
  }

  /** The slot for {@code epochSecond}, cleared when it last held an older second. */
  private int slot(long epochSecond) {
    int i = (int) Math.floorMod(epochSecond, (long) seconds);
    if (slotSecond[i] != epochSecond) {
      slotSecond[i] = epochSecond;
      requests[i][0] = requests[i][1] = 0;
      errors[i][0] = errors[i][1] = 0;
      java.util.Arrays.fill(histogram[i][0], 0);
      java.util.Arrays.fill(histogram[i][1], 0);
    }
    return i;
  }

  void record(long epochSecond, int backend, boolean error, double latencySeconds) {
    int i = slot(epochSecond);
    requests[i][backend]++;
    total[backend]++;
    if (error) {
      errors[i][backend]++;
    }
    histogram[i][backend][bucket(latencySeconds)]++;
  }

  /** Makes sure an idle second still clears its slot. */
  void touch(long epochSecond) {
    slot(epochSecond);
  }

  static int bucket(double latencySeconds) {
    double ms = latencySeconds * 1000;
    if (!(ms > MIN_MS)) {
      return 0;
    }
    return Math.min(BUCKETS - 1, (int) (Math.log(ms / MIN_MS) / BASE));
  }

  /** The upper edge of a bucket, in seconds. */
  static double upperEdge(int bucket) {
    return MIN_MS * Math.exp((bucket + 1) * BASE) / 1000;
  }

  /** The window ending at {@code nowSecond} (inclusive), for one backend (0 Heroku, 1 AWS). */
  BackendStats stats(long nowSecond, int backend) {
    long req = 0;
    long err = 0;
    int[] merged = new int[BUCKETS];
    for (int i = 0; i < seconds; i++) {
      long s = slotSecond[i];
      if (s > nowSecond - seconds && s <= nowSecond) {
        req += requests[i][backend];
        err += errors[i][backend];
        int[] h = histogram[i][backend];
        for (int b = 0; b < BUCKETS; b++) {
          merged[b] += h[b];
        }
      }
    }
    double p99 = Double.NaN;
    if (req > 0) {
      double target = 0.99 * req;
      long cumulative = 0;
      for (int b = 0; b < BUCKETS; b++) {
        cumulative += merged[b];
        if (cumulative >= target) {
          p99 = upperEdge(b);
          break;
        }
      }
    }
    return new BackendStats(req, err, req == 0 ? Double.NaN : (double) err / req, p99, total[backend]);
  }
}
