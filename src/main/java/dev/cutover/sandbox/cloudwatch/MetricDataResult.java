package dev.cutover.sandbox.cloudwatch;

import java.time.Instant;
import java.util.List;

/** One GetMetricData result; timestamps and values are parallel lists in the requested order. */
public record MetricDataResult(
    String id, String label, List<Instant> timestamps, List<Double> values, String statusCode) {
  public MetricDataResult {
    timestamps = List.copyOf(timestamps);
    values = List.copyOf(values);
  }
}
