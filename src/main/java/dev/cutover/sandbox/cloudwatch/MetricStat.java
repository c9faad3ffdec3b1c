package dev.cutover.sandbox.cloudwatch;

/** A metric, a period in seconds and a statistic name (as in GetMetricData's MetricStat). */
public record MetricStat(MetricKey metric, int period, String stat, String unit) {
  public MetricStat {
    if (metric == null) {
      throw CloudWatchServiceException.missingParameter("MetricStat.Metric");
    }
    Periods.check(period);
    Statistic.parse(stat);
  }
}
