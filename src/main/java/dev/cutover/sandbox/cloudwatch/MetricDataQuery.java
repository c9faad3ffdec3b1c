package dev.cutover.sandbox.cloudwatch;

import java.util.regex.Pattern;

/** One GetMetricData query (or one entry of an alarm's Metrics): exactly one of MetricStat and Expression. */
public record MetricDataQuery(
    String id, MetricStat metricStat, String expression, String label, boolean returnData, Integer period) {
  private static final Pattern ID = Pattern.compile("[a-z][a-zA-Z0-9_]{0,254}");

  public MetricDataQuery {
    if (id == null || !ID.matcher(id).matches()) {
      throw CloudWatchServiceException.validation("Invalid metric data query id '" + id
          + "': it must start with a lowercase letter and contain only letters, digits and underscores.");
    }
    if ((metricStat == null) == (expression == null)) {
      throw CloudWatchServiceException.validation(
          "The metric data query '" + id + "' must have exactly one of MetricStat and Expression.");
    }
    if (expression != null) {
      MetricMath.parse(expression);
    }
  }

  public static MetricDataQuery stat(String id, MetricStat stat, boolean returnData) {
    return new MetricDataQuery(id, stat, null, null, returnData, null);
  }

  public static MetricDataQuery expression(String id, String expression, String label, boolean returnData) {
    return new MetricDataQuery(id, null, expression, label, returnData, null);
  }
}
