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

  /** SampleCount, Sum, Minimum and Maximum of samples published together. */
  public record StatisticSet(double sampleCount, double sum, double minimum, double maximum) {
    public StatisticSet {
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
  }
}
