package dev.cutover.drain;

import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.IntCountsHistogram;

/**
 * A latency histogram as PutMetricData's Values and Counts, in seconds: every distinct recorded value with its
 * count, so that CloudWatch computes any percentile over any period from them (CloudWatch API Reference,
 * "PutMetricData": Values and Counts "supports retrieving percentile statistics on this data"). A call takes at
 * most {@code max} distinct values (150); a minute with more is grouped on a logarithmic scale into {@code max}
 * groups, each sent as its median value with the group's count, so no value moves by more than the width of its
 * group (about 7% for 1 ms to 30 s, far less when the values are closer together).
 */
final class LatencyValues {
  /** Distinct values and how often each occurred. */
  record Values(double[] seconds, double[] counts) {}

  private LatencyValues() {}

  static Values of(IntCountsHistogram h, int max) {
    List<long[]> distinct = new ArrayList<>();
    for (HistogramIterationValue v : h.recordedValues()) {
      distinct.add(new long[] {h.medianEquivalentValue(v.getValueIteratedTo()), v.getCountAtValueIteratedTo()});
    }
    List<long[]> out = distinct.size() <= max ? distinct : grouped(distinct, max);
    double[] seconds = new double[out.size()];
    double[] counts = new double[out.size()];
    for (int i = 0; i < out.size(); i++) {
      seconds[i] = out.get(i)[0] / 1000.0;
      counts[i] = out.get(i)[1];
    }
    return new Values(seconds, counts);
  }

  /** {@code distinct} (ascending) in at most {@code max} logarithmic groups, each as its median with its count. */
  private static List<long[]> grouped(List<long[]> distinct, int max) {
    List<long[]> out = new ArrayList<>();
    int from = 0;
    if (distinct.get(0)[0] == 0) {
      out.add(distinct.get(0)); // 0 ms has no logarithm: a group of its own
      from = 1;
    }
    int slots = max - out.size();
    double lo = distinct.get(from)[0];
    double hi = distinct.get(distinct.size() - 1)[0];
    double step = Math.log(hi / lo) / slots;
    int i = from;
    while (i < distinct.size()) {
      int group = group(distinct.get(i)[0], lo, step, slots);
      int j = i;
      long count = 0;
      while (j < distinct.size() && group(distinct.get(j)[0], lo, step, slots) == group) {
        count += distinct.get(j)[1];
        j++;
      }
      out.add(new long[] {median(distinct, i, j, count), count});
      i = j;
    }
    return out;
  }

  private static int group(long value, double lo, double step, int slots) {
    return step == 0 ? 0 : Math.min(slots - 1, (int) (Math.log(value / lo) / step));
  }

  private static long median(List<long[]> values, int from, int to, long count) {
    long seen = 0;
    for (int k = from; k < to; k++) {
      seen += values.get(k)[1];
      if (2 * seen >= count) {
        return values.get(k)[0];
      }
    }
    return values.get(to - 1)[0];
  }
}
