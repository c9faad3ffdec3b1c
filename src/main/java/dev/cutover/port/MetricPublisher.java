package dev.cutover.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Puts datapoints into CloudWatch (PutMetricData), for figures cutover makes itself (a Heroku drain's). */
public interface MetricPublisher {
  /** PutMetricData takes at most 150 distinct values in a Values array (CloudWatch API Reference, "PutMetricData"). */
  int MAX_VALUES = 150;

  /**
   * Publishes {@code data} under {@code namespace}, in as many calls as the service's limits need. A failed
   * Future means some of it may not have arrived; what did arrive is not undone.
   */
  Future<Void> publish(String namespace, List<Datum> data);

  /** CloudWatch units used here. */
  enum Unit {
    COUNT("Count"),
    SECONDS("Seconds");

    private final String cloudWatch;

    Unit(String cloudWatch) {
      this.cloudWatch = cloudWatch;
    }

    /** The name PutMetricData takes ({@code Count}, {@code Seconds}). */
    public String cloudWatchName() {
      return cloudWatch;
    }
  }

  /**
   * One metric's values at one time: {@code values[i]} occurred {@code counts[i]} times (PutMetricData's Values
   * and Counts, from which CloudWatch computes percentiles); a single value with count 1 is a plain Value.
   */
  record Datum(String metric, Map<String, String> dimensions, Instant timestamp, Unit unit, double[] values,
      double[] counts) {
    public Datum {
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(timestamp, "timestamp");
      Objects.requireNonNull(unit, "unit");
      dimensions = Map.copyOf(dimensions);
      values = values.clone();
      counts = counts.clone();
      if (values.length == 0 || values.length > MAX_VALUES || counts.length != values.length) {
        throw new IllegalArgumentException(metric + ": need 1 to " + MAX_VALUES + " values with one count each, got "
            + values.length + " values and " + counts.length + " counts");
      }
      for (int i = 0; i < values.length; i++) {
        if (!Double.isFinite(values[i]) || !(counts[i] > 0) || !Double.isFinite(counts[i])) {
          throw new IllegalArgumentException(metric + ": values must be finite and counts positive");
        }
      }
    }

    /** A plain value, e.g. a count of requests. */
    public static Datum of(String metric, Map<String, String> dimensions, Instant timestamp, Unit unit,
        double value) {
      return new Datum(metric, dimensions, timestamp, unit, new double[] {value}, new double[] {1});
    }

    /** Whether this is a plain value (one value, counted once). */
    public boolean single() {
      return values.length == 1 && counts[0] == 1;
    }

    @Override
    public double[] values() {
      return values.clone();
    }

    @Override
    public double[] counts() {
      return counts.clone();
    }

    /** The sum of the counts: how many samples the datum stands for. */
    public double samples() {
      double n = 0;
      for (double c : counts) {
        n += c;
      }
      return n;
    }
  }
}
