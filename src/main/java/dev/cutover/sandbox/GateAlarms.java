package dev.cutover.sandbox;

import dev.cutover.sandbox.cloudwatch.CompositeAlarmSpec;
import dev.cutover.sandbox.cloudwatch.MetricAlarmSpec;
import dev.cutover.sandbox.cloudwatch.MetricDataQuery;
import dev.cutover.sandbox.cloudwatch.MetricKey;
import dev.cutover.sandbox.cloudwatch.MetricStat;
import dev.cutover.sandbox.traffic.Metrics;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The alarms a release manager would create for the new stack's ALB, as the sandbox world's gates: 2 of 3
 * one-minute periods over the threshold, as AWS recommends to ride out one noisy minute.
 */
final class GateAlarms {
  static final int PERIOD = 60;
  static final int EVALUATION_PERIODS = 3;
  static final int DATAPOINTS_TO_ALARM = 2;
  static final double P99_SECONDS = 0.5;
  static final double ERROR_PERCENT = 2.0;

  private GateAlarms() {}

  /** What kind of alarm a gate name asks for. */
  enum Kind {
    LATENCY,
    ERROR_RATE,
    COMPOSITE;

    static Kind of(String alarmName) {
      String n = alarmName.toLowerCase(Locale.ROOT);
      if (n.startsWith("composite")) {
        return COMPOSITE;
      }
      return n.contains("latency") || n.contains("p99") ? LATENCY : ERROR_RATE;
    }
  }

  /**
   * p99 TargetResponseTime above 0.5 s. TreatMissingData {@code missing}: without requests an ALB publishes no
   * response time, and a latency alarm without data knows nothing, so it stays INSUFFICIENT_DATA and the gate is
   * Inconclusive (the bake clock holds) rather than OK: "could not measure" is never healthy, and a stack that gets
   * no traffic because of a DNS mistake must not look fast.
   */
  static MetricAlarmSpec latency(String name, Metrics alb) {
    return new MetricAlarmSpec(name, "p99 response time of the AWS stack above " + P99_SECONDS + " s in "
        + LATENCY_PERIODS + " of " + LATENCY_PERIODS + " minutes", true, null, null, null,
        MetricKey.of(alb.namespace(), Metrics.RESPONSE_TIME, alb.dimensions()), null, "p99", PERIOD, null,
        LATENCY_PERIODS, LATENCY_PERIODS, P99_SECONDS, "GreaterThanThreshold", "missing", null);
  }

  /**
   * 3 of 3 for p99: at 5% of traffic a minute holds ~45 requests, so its p99 is about its largest sample and a
   * healthy stack (p99 300 ms) still shows a minute above 0.5 s about 4% of the time; 2 of 3 then trips now and
   * then over a long bake, 3 of 3 almost never (~5e-5 an evaluation), while a 4x slowdown is above 0.5 s in
   * nearly every minute and still trips within three.
   */
  static final int LATENCY_PERIODS = 3;

  /**
   * 5xx share of requests above 2 percent: {@code 100*FILL(m5xx,0)/mreq}. An ALB publishes no 5xx datapoint for a
   * minute without 5xx, hence FILL; a minute without requests has no rate at all, and TreatMissingData
   * {@code notBreaching} reads it as "no errors" (the latency alarm is the one that insists on data).
   */
  static MetricAlarmSpec errorRate(String name, Metrics alb) {
    List<MetricDataQuery> metrics = List.of(
        MetricDataQuery.stat("m5xx", new MetricStat(
            MetricKey.of(alb.namespace(), Metrics.TARGET_5XX, alb.dimensions()), PERIOD, "Sum", null), false),
        MetricDataQuery.stat("mreq", new MetricStat(
            MetricKey.of(alb.namespace(), Metrics.REQUEST_COUNT, alb.dimensions()), PERIOD, "Sum", null), false),
        MetricDataQuery.expression("rate", "100*FILL(m5xx,0)/mreq", "5xx rate (%)", true));
    return new MetricAlarmSpec(name, "5xx share of the AWS stack's requests above " + ERROR_PERCENT + "% in "
        + DATAPOINTS_TO_ALARM + " of " + EVALUATION_PERIODS + " minutes", true, null, null, null, null, null, null,
        null, null, EVALUATION_PERIODS, DATAPOINTS_TO_ALARM, ERROR_PERCENT, "GreaterThanThreshold", "notBreaching",
        metrics);
  }

  /** ALARM(a) OR ALARM(b) ... over {@code children}. */
  static CompositeAlarmSpec composite(String name, List<String> children) {
    String rule = children.stream().map(c -> "ALARM(\"" + c + "\")").collect(Collectors.joining(" OR "));
    return new CompositeAlarmSpec(name, "any of " + children, true, null, null, null, rule);
  }
}
