package dev.cutover.sandbox.cloudwatch;

import java.util.List;
import java.util.Set;

/**
 * A metric alarm as PutMetricAlarm defines it: either a single metric (namespace, name, dimensions, Statistic or
 * ExtendedStatistic, Period) or {@code metrics} (metric math, exactly one with ReturnData). DatapointsToAlarm null
 * means EvaluationPeriods.
 */
public record MetricAlarmSpec(
    String name,
    String description,
    boolean actionsEnabled,
    List<String> okActions,
    List<String> alarmActions,
    List<String> insufficientDataActions,
    MetricKey metric,
    String statistic,
    String extendedStatistic,
    Integer period,
    String unit,
    int evaluationPeriods,
    Integer datapointsToAlarm,
    double threshold,
    String comparisonOperator,
    String treatMissingData,
    List<MetricDataQuery> metrics) {

  static final Set<String> OPERATORS = Set.of("GreaterThanThreshold", "GreaterThanOrEqualToThreshold",
      "LessThanThreshold", "LessThanOrEqualToThreshold");
  static final Set<String> MISSING = Set.of("missing", "ignore", "breaching", "notBreaching");

  public MetricAlarmSpec {
    AlarmNames.check(name);
    okActions = List.copyOf(okActions == null ? List.of() : okActions);
    alarmActions = List.copyOf(alarmActions == null ? List.of() : alarmActions);
    insufficientDataActions = List.copyOf(insufficientDataActions == null ? List.of() : insufficientDataActions);
    metrics = List.copyOf(metrics == null ? List.of() : metrics);
    treatMissingData = treatMissingData == null ? "missing" : treatMissingData;
    if (!MISSING.contains(treatMissingData)) {
      throw CloudWatchServiceException.validation("TreatMissingData must be one of " + MISSING);
    }
    if (comparisonOperator == null || !OPERATORS.contains(comparisonOperator)) {
      throw CloudWatchServiceException.validation(
          "ComparisonOperator must be one of " + OPERATORS + " in the sandbox; got " + comparisonOperator);
    }
    if (evaluationPeriods < 1) {
      throw CloudWatchServiceException.validation("EvaluationPeriods must be at least 1");
    }
    if (datapointsToAlarm != null && (datapointsToAlarm < 1 || datapointsToAlarm > evaluationPeriods)) {
      throw CloudWatchServiceException.validation(
          "DatapointsToAlarm must be between 1 and EvaluationPeriods (" + evaluationPeriods + ")");
    }
    if (metrics.isEmpty()) {
      if (metric == null) {
        throw CloudWatchServiceException.missingParameter("MetricName");
      }
      if ((statistic == null) == (extendedStatistic == null)) {
        throw CloudWatchServiceException.invalidCombination(
            "Exactly one of Statistic and ExtendedStatistic must be specified.");
      }
      if (extendedStatistic != null && !Statistic.isExtended(extendedStatistic)) {
        throw CloudWatchServiceException.invalidParameter("Invalid ExtendedStatistic " + extendedStatistic);
      }
      if (period == null) {
        throw CloudWatchServiceException.missingParameter("Period");
      }
      Periods.check(period);
      Statistic.parse(statistic != null ? statistic : extendedStatistic);
    } else {
      if (metric != null || statistic != null || extendedStatistic != null || period != null) {
        throw CloudWatchServiceException.invalidCombination(
            "Metrics cannot be combined with MetricName, Namespace, Dimensions, Statistic, ExtendedStatistic or Period.");
      }
      if (metrics.stream().filter(MetricDataQuery::returnData).count() != 1) {
        throw CloudWatchServiceException.validation("Exactly one element of Metrics must have ReturnData true.");
      }
      MetricQueries.checkGraph(metrics);
    }
  }

  public int effectiveDatapointsToAlarm() {
    return datapointsToAlarm == null ? evaluationPeriods : datapointsToAlarm;
  }

  /** The queries this alarm evaluates; a single-metric alarm becomes one MetricStat query. */
  List<MetricDataQuery> queries() {
    if (!metrics.isEmpty()) {
      return metrics;
    }
    String stat = statistic != null ? statistic : extendedStatistic;
    return List.of(MetricDataQuery.stat("m1", new MetricStat(metric, period, stat, unit), true));
  }
}
