package dev.cutover.sandbox.cloudwatch;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Function;

/**
 * Computes a metric alarm's state as CloudWatch does: the last EvaluationPeriods periods ending at the most
 * recent complete period boundary, M of N breaching (DatapointsToAlarm), TreatMissingData. With {@code missing}
 * when fewer than M datapoints are present the alarm fires if every present one breaches; with {@code ignore} it
 * then keeps its state (AWS's documented table for "- - X - -").
 */
final class AlarmEvaluator {
  private static final DateTimeFormatter REASON_TIME =
      DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss").withZone(ZoneOffset.UTC);

  private AlarmEvaluator() {}

  /** The computed state (value, reason, reason data), or null when the alarm keeps its state (ignore, no data). */
  static AlarmStatus evaluate(MetricAlarmSpec spec, Instant now, Function<MetricKey, MetricSeries> lookup) {
    List<MetricDataQuery> queries = spec.queries();
    String returned = queries.stream().filter(MetricDataQuery::returnData).findFirst().orElseThrow().id();
    int period = MetricQueries.evaluate(queries, 0, 0, k -> null).get(returned).period();
    int n = spec.evaluationPeriods();
    int m = spec.effectiveDatapointsToAlarm();
    long end = Periods.alignDown(now.getEpochSecond(), period);
    long start = end - (long) n * period;
    Map<String, MetricQueries.Computed> results = MetricQueries.evaluate(queries, start, end, lookup);
    NavigableMap<Long, Double> series = results.get(returned).series();

    List<Long> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    int breaching = 0;
    for (long t = start; t < end; t += period) {
      Double v = series.get(t);
      times.add(t);
      values.add(v);
      if (v != null && breaches(spec, v)) {
        breaching++;
      }
    }
    int present = (int) values.stream().filter(v -> v != null).count();
    int missing = n - present;
    String reasonData = reasonData(spec, now, period, times, values);
    String tmd = spec.treatMissingData();
    StateValue state;
    String reason;
    if (present == 0 && (tmd.equals("missing") || tmd.equals("ignore"))) {
      if (tmd.equals("ignore")) {
        return null;
      }
      return new AlarmStatus(StateValue.INSUFFICIENT_DATA,
          "Insufficient Data: " + n + " datapoint" + (n == 1 ? " was" : "s were") + " unknown.", reasonData, now, now);
    }
    int counted = breaching + (tmd.equals("breaching") ? missing : 0);
    int required = tmd.equals("missing") || tmd.equals("ignore") ? Math.min(m, present) : m;
    state = counted >= required ? StateValue.ALARM : StateValue.OK;
    if (tmd.equals("ignore") && present < m && state == StateValue.ALARM) {
      return null;
    }
    reason = reason(spec, state, counted, n, m, times, values);
    return new AlarmStatus(state, reason, reasonData, now, now);
  }

  static boolean breaches(MetricAlarmSpec spec, double v) {
    double t = spec.threshold();
    return switch (spec.comparisonOperator()) {
      case "GreaterThanThreshold" -> v > t;
      case "GreaterThanOrEqualToThreshold" -> v >= t;
      case "LessThanThreshold" -> v < t;
      default -> v <= t;
    };
  }

  private static String reason(MetricAlarmSpec spec, StateValue state, int counted, int n, int m, List<Long> times,
      List<Double> values) {
    StringBuilder points = new StringBuilder("[");
    for (int i = values.size() - 1; i >= 0; i--) {
      if (values.get(i) != null) {
        if (points.length() > 1) {
          points.append(", ");
        }
        points.append(values.get(i)).append(" (")
            .append(REASON_TIME.format(Instant.ofEpochSecond(times.get(i)))).append(')');
      }
    }
    points.append(']');
    String op = operatorText(spec.comparisonOperator());
    if (state == StateValue.ALARM) {
      return "Threshold Crossed: " + counted + " out of the last " + n + " datapoints " + points + " "
          + (counted == 1 ? "was " : "were ") + op + " the threshold (" + spec.threshold() + ") (minimum " + m
          + " datapoint" + (m == 1 ? "" : "s") + " for OK -> ALARM transition).";
    }
    return "Threshold Crossed: " + (n - counted) + " out of the last " + n + " datapoints " + points + " "
        + (n - counted == 1 ? "was not " : "were not ") + op + " the threshold (" + spec.threshold()
        + ") (minimum " + (n - m + 1) + " datapoint" + (n - m + 1 == 1 ? "" : "s")
        + " for ALARM -> OK transition).";
  }

  private static String operatorText(String op) {
    return switch (op) {
      case "GreaterThanThreshold" -> "greater than";
      case "GreaterThanOrEqualToThreshold" -> "greater than or equal to";
      case "LessThanThreshold" -> "less than";
      default -> "less than or equal to";
    };
  }

  private static String reasonData(MetricAlarmSpec spec, Instant now, int period, List<Long> times,
      List<Double> values) {
    StringBuilder recent = new StringBuilder();
    StringBuilder evaluated = new StringBuilder();
    for (int i = values.size() - 1; i >= 0; i--) {
      if (values.get(i) != null) {
        recent.append(recent.length() > 0 ? "," : "").append(values.get(i));
        evaluated.append(evaluated.length() > 0 ? "," : "").append("{\"timestamp\":\"")
            .append(Instant.ofEpochSecond(times.get(i))).append("\",\"sampleCount\":1.0,\"value\":")
            .append(values.get(i)).append('}');
      }
    }
    String stat = spec.statistic() != null ? spec.statistic() : spec.extendedStatistic();
    return "{\"version\":\"1.0\",\"queryDate\":\"" + now + "\","
        + (stat != null ? "\"statistic\":\"" + stat + "\"," : "") + "\"period\":" + period
        + ",\"recentDatapoints\":[" + recent + "],\"threshold\":" + spec.threshold()
        + ",\"evaluatedDatapoints\":[" + evaluated + "]}";
  }
}
