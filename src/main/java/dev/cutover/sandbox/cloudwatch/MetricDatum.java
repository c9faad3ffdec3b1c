package dev.cutover.sandbox.cloudwatch;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One PutMetricData entry: exactly one of a single value, Values (with optional parallel Counts), or a statistic
 * set. A null timestamp means "now" in the model's clock.
 */
public record MetricDatum(
    String metricName,
    Map<String, String> dimensions,
    Instant timestamp,
    Double value,
    List<Double> values,
    List<Double> counts,
    StatisticSet statisticValues,
    String unit) {

  /** 2^360: CloudWatch's bound on the magnitude of a value. */
  static final double MAX_MAGNITUDE = Math.scalb(1.0, 360);

  /** SampleCount, Sum, Minimum and Maximum of samples published together. */
  public record StatisticSet(double sampleCount, double sum, double minimum, double maximum) {
    public StatisticSet {
      checkValue("StatisticValues.SampleCount", sampleCount);
      checkValue("StatisticValues.Sum", sum);
      checkValue("StatisticValues.Minimum", minimum);
      checkValue("StatisticValues.Maximum", maximum);
      if (sampleCount <= 0 || minimum > maximum) {
        throw CloudWatchServiceException.invalidParameter(
            "StatisticValues needs SampleCount > 0 and Minimum <= Maximum.");
      }
    }
  }

  public MetricDatum {
    dimensions = Map.copyOf(dimensions == null ? Map.of() : dimensions);
    values = values == null ? List.of() : List.copyOf(values);
    counts = counts == null ? List.of() : List.copyOf(counts);
    int kinds = (value != null ? 1 : 0) + (values.isEmpty() ? 0 : 1) + (statisticValues != null ? 1 : 0);
    if (kinds != 1) {
      throw CloudWatchServiceException.invalidCombination("The parameters MetricData.member.N.Value, "
          + "MetricData.member.N.StatisticValues and MetricData.member.N.Values are mutually exclusive and one "
          + "of them is required (metric " + metricName + ").");
    }
    if (!counts.isEmpty() && counts.size() != values.size()) {
      throw CloudWatchServiceException.invalidParameter("Counts must have as many entries as Values.");
    }
    if (values.size() > 150) {
      throw CloudWatchServiceException.invalidParameter("At most 150 Values per datum are allowed.");
    }
    if (value != null) {
      checkValue("Value", value);
    }
    values.forEach(v -> checkValue("Values", v));
    counts.forEach(c -> checkValue("Counts", c));
  }

  /**
   * API Reference, MetricDatum Value: "CloudWatch rejects values that are either too small or too large. Values must
   * be in the range of -2^360 to 2^360. In addition, special values (for example, NaN, +Infinity, -Infinity) are not
   * supported." (The sandbox stores values below 2^-360 in magnitude; see the differences doc.)
   */
  static void checkValue(String member, double v) {
    if (Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) > MAX_MAGNITUDE) {
      throw CloudWatchServiceException.invalidParameter("The value " + v + " for parameter MetricData.member.N."
          + member + " is invalid: values must be from -2^360 to 2^360, and NaN and Infinity are not supported.");
    }
  }
}
