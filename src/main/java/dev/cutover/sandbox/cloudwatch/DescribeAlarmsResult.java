package dev.cutover.sandbox.cloudwatch;

import java.util.List;

/** One page of DescribeAlarms; {@code nextToken} is null on the last page. */
public record DescribeAlarmsResult(
    List<Alarm.Metric> metricAlarms, List<Alarm.Composite> compositeAlarms, String nextToken) {
  public DescribeAlarmsResult {
    metricAlarms = List.copyOf(metricAlarms);
    compositeAlarms = List.copyOf(compositeAlarms);
  }
}
