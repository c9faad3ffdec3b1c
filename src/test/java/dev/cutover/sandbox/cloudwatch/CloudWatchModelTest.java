package dev.cutover.sandbox.cloudwatch;

import dev.cutover.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CloudWatchModelTest {
  private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
  private static final String ALB = "AWS/ApplicationELB";
  private static final Map<String, String> LB = Map.of("LoadBalancer", "app/api/123");

  private final MutableClock clock = new MutableClock(T0);
  private final CloudWatchModel cw = new CloudWatchModel(clock);

  private MetricAlarmSpec alarm(String name, String metric, String stat, int n, Integer m, double threshold,
      String op, String missing) {
    boolean ext = Statistic.isExtended(stat);
    return new MetricAlarmSpec(name, null, true, null, null, null, MetricKey.of(ALB, metric, LB), ext ? null : stat,
        ext ? stat : null, 60, null, n, m, threshold, op, missing, null);
  }

  /** Publishes {@code value} once in the minute starting {@code minute} minutes after T0. */
  private void at(int minute, String metric, double value) {
    cw.publish(ALB, metric, LB, T0.plusSeconds(minute * 60L + 5), value);
  }

  private StateValue stateAfterEvaluationAt(int minute, String name) {
    clock.set(T0.plusSeconds(minute * 60L + 1));
    cw.evaluateAll();
    return cw.alarm(name).orElseThrow().status().value();
  }

  @Test
  void newAlarmStartsInInsufficientData() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 3, null, 10, "GreaterThanThreshold", null));
    assertThat(cw.alarm("a").orElseThrow().status().value()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(cw.alarm("a").orElseThrow().status().reason()).isEqualTo("Unchecked: Initial alarm creation");
  }

  @Test
  void alarmTripsAfterThreeOfThreeBreachingPeriods() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 3, null, 10, "GreaterThanThreshold", null));
    at(0, "RequestCount", 5);
    at(1, "RequestCount", 11);
    at(2, "RequestCount", 11);
    assertThat(stateAfterEvaluationAt(3, "a")).isEqualTo(StateValue.OK);
    at(3, "RequestCount", 11);
    assertThat(stateAfterEvaluationAt(4, "a")).isEqualTo(StateValue.ALARM);
    assertThat(cw.alarm("a").orElseThrow().status().reason())
        .startsWith("Threshold Crossed: 3 out of the last 3 datapoints").contains("greater than the threshold (10.0)");
  }

  @Test
  void twoOfThreeBreachingTripsWithDatapointsToAlarmTwo() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 3, 2, 10, "GreaterThanOrEqualToThreshold", null));
    at(0, "RequestCount", 10);
    at(1, "RequestCount", 1);
    at(2, "RequestCount", 10);
    assertThat(stateAfterEvaluationAt(3, "a")).isEqualTo(StateValue.ALARM);
    at(3, "RequestCount", 1);
    assertThat(stateAfterEvaluationAt(4, "a")).isEqualTo(StateValue.OK);
  }

  @Test
  void incompletePeriodIsNotEvaluated() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", null));
    at(0, "RequestCount", 50);
    clock.set(T0.plusSeconds(30));
    cw.evaluateAll();
    assertThat(cw.alarm("a").orElseThrow().status().value()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(stateAfterEvaluationAt(1, "a")).isEqualTo(StateValue.ALARM);
  }

  @Test
  void missingDataModeGoesInsufficientWhenAllDatapointsAreMissing() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 2, null, 10, "GreaterThanThreshold", "missing"));
    at(0, "RequestCount", 20);
    at(1, "RequestCount", 20);
    assertThat(stateAfterEvaluationAt(2, "a")).isEqualTo(StateValue.ALARM);
    assertThat(stateAfterEvaluationAt(4, "a")).isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(cw.alarm("a").orElseThrow().status().reason()).startsWith("Insufficient Data");
  }

  @Test
  void missingDataModeFiresWhenEveryPresentDatapointBreaches() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 3, null, 10, "GreaterThanThreshold", "missing"));
    at(2, "RequestCount", 20);
    assertThat(stateAfterEvaluationAt(3, "a")).isEqualTo(StateValue.ALARM);
  }

  @Test
  void ignoreModeKeepsTheStateWhenTooFewDatapointsBreach() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 3, null, 10, "GreaterThanThreshold", "ignore"));
    at(0, "RequestCount", 1);
    assertThat(stateAfterEvaluationAt(1, "a")).isEqualTo(StateValue.OK);
    at(3, "RequestCount", 20);
    assertThat(stateAfterEvaluationAt(4, "a")).isEqualTo(StateValue.OK);
  }

  @Test
  void ignoreModeKeepsTheStateWithoutData() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", "ignore"));
    assertThat(stateAfterEvaluationAt(1, "a")).isEqualTo(StateValue.INSUFFICIENT_DATA);
    at(1, "RequestCount", 20);
    assertThat(stateAfterEvaluationAt(2, "a")).isEqualTo(StateValue.ALARM);
    assertThat(stateAfterEvaluationAt(5, "a")).isEqualTo(StateValue.ALARM);
  }

  @Test
  void breachingModeCountsMissingDatapointsAsBreaching() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 3, null, 10, "GreaterThanThreshold", "breaching"));
    at(0, "RequestCount", 20);
    assertThat(stateAfterEvaluationAt(3, "a")).isEqualTo(StateValue.ALARM);
    at(3, "RequestCount", 1);
    assertThat(stateAfterEvaluationAt(4, "a")).isEqualTo(StateValue.OK);
  }

  @Test
  void notBreachingModeCountsMissingDatapointsAsGood() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 3, 1, 10, "GreaterThanThreshold", "notBreaching"));
    assertThat(stateAfterEvaluationAt(3, "a")).isEqualTo(StateValue.OK);
    at(3, "RequestCount", 20);
    assertThat(stateAfterEvaluationAt(4, "a")).isEqualTo(StateValue.ALARM);
  }

  @Test
  void p99ExtendedStatisticAlarmsOnTheSlowTail() {
    cw.putMetricAlarm(alarm("lat", "TargetResponseTime", "p99", 1, null, 1.0, "GreaterThanThreshold", null));
    double[] fast = IntStream.range(0, 990).mapToDouble(i -> 0.05).toArray();
    double[] slow = IntStream.range(0, 10).mapToDouble(i -> 2.0).toArray();
    Instant ts = T0.plusSeconds(5);
    cw.publish(ALB, "TargetResponseTime", LB, ts, fast);
    cw.publish(ALB, "TargetResponseTime", LB, ts, slow);
    // 1% slow: p99 sits on the boundary, p98 is fast
    List<MetricDataResult> r = cw.getMetricData(List.of(
        MetricDataQuery.stat("p", new MetricStat(MetricKey.of(ALB, "TargetResponseTime", LB), 60, "p98", null), true),
        MetricDataQuery.stat("avg", new MetricStat(MetricKey.of(ALB, "TargetResponseTime", LB), 60, "Average", null),
            true)), T0, T0.plusSeconds(60), true);
    assertThat(r.get(0).values()).singleElement().satisfies(v -> assertThat(v).isCloseTo(0.05, withinPercentage(1)));
    assertThat(r.get(1).values().get(0)).isCloseTo(0.0695, org.assertj.core.data.Offset.offset(1e-6));
    cw.publish(ALB, "TargetResponseTime", LB, ts, IntStream.range(0, 20).mapToDouble(i -> 3.0).toArray());
    assertThat(stateAfterEvaluationAt(1, "lat")).isEqualTo(StateValue.ALARM);
  }

  @Test
  void errorRateMetricMathAlarmFillsMissing5xxWithZero() {
    MetricStat req = new MetricStat(MetricKey.of(ALB, "RequestCount", LB), 60, "Sum", null);
    MetricStat err = new MetricStat(MetricKey.of(ALB, "HTTPCode_Target_5XX_Count", LB), 60, "Sum", null);
    cw.putMetricAlarm(new MetricAlarmSpec("rate", null, true, null, null, null, null, null, null, null, null, 2, null,
        5.0, "GreaterThanThreshold", "missing", List.of(
            MetricDataQuery.stat("mreq", req, false), MetricDataQuery.stat("m5xx", err, false),
            MetricDataQuery.expression("e", "100*FILL(m5xx,0)/mreq", "error rate", true))));
    at(0, "RequestCount", 100);
    at(1, "RequestCount", 100);
    assertThat(stateAfterEvaluationAt(2, "rate")).isEqualTo(StateValue.OK);
    at(2, "RequestCount", 100);
    at(2, "HTTPCode_Target_5XX_Count", 10);
    at(3, "RequestCount", 100);
    at(3, "HTTPCode_Target_5XX_Count", 6);
    assertThat(stateAfterEvaluationAt(4, "rate")).isEqualTo(StateValue.ALARM);
    List<MetricDataResult> r = cw.getMetricData(List.of(MetricDataQuery.stat("mreq", req, false),
        MetricDataQuery.stat("m5xx", err, false),
        MetricDataQuery.expression("e", "100*FILL(m5xx,0)/mreq", "error rate", true),
        MetricDataQuery.expression("r", "FILL(m5xx, REPEAT) + (1 - 1)", null, true)),
        T0, T0.plusSeconds(240), true);
    assertThat(r.get(0).label()).isEqualTo("error rate");
    assertThat(r.get(0).values()).containsExactly(0.0, 0.0, 10.0, 6.0);
    assertThat(r.get(1).values()).containsExactly(10.0, 6.0);
  }

  @Test
  void metricMathRejectsUnknownIdsAndBadSyntax() {
    MetricStat req = new MetricStat(MetricKey.of(ALB, "RequestCount", LB), 60, "Sum", null);
    assertThatThrownBy(() -> cw.getMetricData(List.of(MetricDataQuery.stat("mreq", req, false),
        MetricDataQuery.expression("e", "mreq/nope", null, true)), T0, T0.plusSeconds(60), true))
        .isInstanceOf(CloudWatchServiceException.class).hasMessageContaining("unknown id 'nope'");
    assertThatThrownBy(() -> MetricDataQuery.expression("e", "100*(mreq", null, true))
        .isInstanceOf(CloudWatchServiceException.class).hasMessageContaining("expected ')'");
  }

  @Test
  void compositeRuleCombinesAndOrNotAndStateFunctions() {
    cw.putMetricAlarm(alarm("rate", "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", null));
    cw.putMetricAlarm(alarm("lat", "TargetResponseTime", "p99", 1, null, 1, "GreaterThanThreshold", null));
    cw.putCompositeAlarm(new CompositeAlarmSpec("any", null, true, null, null, null,
        "ALARM(\"rate\") OR ALARM(lat)"));
    cw.putCompositeAlarm(new CompositeAlarmSpec("both-ok", null, true, null, null, null,
        "OK('rate') AND NOT (ALARM(lat) OR INSUFFICIENT_DATA(lat)) AND TRUE"));
    cw.putCompositeAlarm(new CompositeAlarmSpec("unknown", null, true, null, null, null,
        "INSUFFICIENT_DATA(rate) AND NOT FALSE"));
    assertThat(cw.alarm("any").orElseThrow().status().value()).isEqualTo(StateValue.OK);
    assertThat(cw.alarm("unknown").orElseThrow().status().value()).isEqualTo(StateValue.ALARM);

    cw.setAlarmState("lat", StateValue.ALARM, "rehearsal", null);
    assertThat(cw.alarm("any").orElseThrow().status().value()).isEqualTo(StateValue.ALARM);

    at(0, "RequestCount", 1);
    at(0, "TargetResponseTime", 0.1);
    clock.set(T0.plusSeconds(61));
    cw.evaluateAll();
    assertThat(cw.alarm("any").orElseThrow().status().value()).isEqualTo(StateValue.OK);
    assertThat(cw.alarm("both-ok").orElseThrow().status().value()).isEqualTo(StateValue.ALARM);
    assertThat(cw.alarm("unknown").orElseThrow().status().value()).isEqualTo(StateValue.OK);
  }

  @Test
  void compositeAlarmMustReferToExistingAlarms() {
    assertThatThrownBy(() -> cw.putCompositeAlarm(new CompositeAlarmSpec("c", null, true, null, null, null,
        "ALARM(ghost)"))).isInstanceOf(CloudWatchServiceException.class).hasMessageContaining("[ghost]");
    assertThatThrownBy(() -> new CompositeAlarmSpec("c", null, true, null, null, null, "ALARM(a) AND"))
        .isInstanceOf(CloudWatchServiceException.class).hasMessageContaining("Invalid AlarmRule");
  }

  @Test
  void forcedStateLastsUntilTheNextEvaluation() {
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", null));
    at(0, "RequestCount", 1);
    assertThat(stateAfterEvaluationAt(1, "a")).isEqualTo(StateValue.OK);
    clock.advance(Duration.ofSeconds(5));
    cw.setAlarmState("a", StateValue.ALARM, "drill", null);
    Alarm forced = cw.alarm("a").orElseThrow();
    assertThat(forced.status().value()).isEqualTo(StateValue.ALARM);
    assertThat(forced.status().reason()).isEqualTo("drill");
    cw.evaluateAll();
    assertThat(cw.alarm("a").orElseThrow().status().value()).isEqualTo(StateValue.OK);
    assertThatThrownBy(() -> cw.setAlarmState("nope", StateValue.OK, "x", null))
        .isInstanceOfSatisfying(CloudWatchServiceException.class, e -> assertThat(e.code()).isEqualTo("ResourceNotFound"));
  }

  @Test
  void describeAlarmsFiltersByTypeNamePrefixAndState() {
    cw.putMetricAlarm(alarm("api-rate", "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", null));
    cw.putMetricAlarm(alarm("api-lat", "TargetResponseTime", "p99", 1, null, 1, "GreaterThanThreshold", null));
    cw.putMetricAlarm(alarm("web-rate", "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", null));
    cw.putCompositeAlarm(new CompositeAlarmSpec("api-any", null, true, null, null, null, "ALARM(api-rate)"));
    cw.setAlarmState("api-lat", StateValue.ALARM, "x", null);

    DescribeAlarmsResult defaults = cw.describeAlarms(new DescribeAlarmsRequest(null, null, null, null, null, null));
    assertThat(defaults.metricAlarms()).extracting(Alarm::name).containsExactly("api-lat", "api-rate", "web-rate");
    assertThat(defaults.compositeAlarms()).isEmpty();

    DescribeAlarmsResult api = cw.describeAlarms(new DescribeAlarmsRequest(null, "api-",
        Set.of("MetricAlarm", "CompositeAlarm"), null, null, null));
    assertThat(api.metricAlarms()).extracting(Alarm::name).containsExactly("api-lat", "api-rate");
    assertThat(api.compositeAlarms()).extracting(Alarm::name).containsExactly("api-any");

    DescribeAlarmsResult alarming = cw.describeAlarms(new DescribeAlarmsRequest(null, null,
        Set.of("MetricAlarm", "CompositeAlarm"), StateValue.ALARM, null, null));
    assertThat(alarming.metricAlarms()).extracting(Alarm::name).containsExactly("api-lat");
    assertThat(alarming.compositeAlarms()).isEmpty();

    DescribeAlarmsResult named = cw.describeAlarms(new DescribeAlarmsRequest(List.of("web-rate", "ghost"), null,
        null, null, null, null));
    assertThat(named.metricAlarms()).extracting(Alarm::name).containsExactly("web-rate");
  }

  @Test
  void describeAlarmsPagesWithNextToken() {
    for (int i = 0; i < 7; i++) {
      cw.putMetricAlarm(alarm("a" + i, "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", null));
    }
    List<String> seen = new ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      DescribeAlarmsResult page = cw.describeAlarms(new DescribeAlarmsRequest(null, null, null, null, 3, token));
      page.metricAlarms().forEach(a -> seen.add(a.name()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(seen).containsExactly("a0", "a1", "a2", "a3", "a4", "a5", "a6");
  }

  @Test
  void describeAlarmsRejectsMoreThanOneHundredNames() {
    List<String> names = IntStream.range(0, 101).mapToObj(i -> "n" + i).toList();
    assertThatThrownBy(() -> new DescribeAlarmsRequest(names, null, null, null, null, null))
        .isInstanceOfSatisfying(CloudWatchServiceException.class, e -> assertThat(e.code()).isEqualTo("ValidationError"));
  }

  @Test
  void listMetricsFiltersByNamespaceNameAndDimension() {
    at(0, "RequestCount", 1);
    cw.publish(ALB, "RequestCount", Map.of("LoadBalancer", "other"), T0, 1);
    cw.putMetricData("Custom/App", List.of(new MetricDatum("Latency", Map.of("Host", "h"), null, 1.0, null, null,
        null, "Seconds")));
    assertThat(cw.listMetrics(ALB, null, Map.of())).hasSize(2);
    assertThat(cw.listMetrics(null, "RequestCount", Map.of("LoadBalancer", "other"))).hasSize(1);
    assertThat(cw.listMetrics(null, null, java.util.Collections.singletonMap("Host", null)))
        .extracting(MetricKey::namespace).containsExactly("Custom/App");
    assertThatThrownBy(() -> cw.putMetricData(ALB, List.of(new MetricDatum("X", null, null, 1.0, null, null, null,
        null)))).isInstanceOf(CloudWatchServiceException.class).hasMessageContaining("AWS/");
  }

  @Test
  void oldDataIsDroppedAfterTheRetention() {
    at(0, "RequestCount", 1);
    clock.advance(Duration.ofHours(4));
    assertThat(cw.listMetrics(ALB, null, Map.of())).isEmpty();
  }

  @Test
  void compositeOfCompositesSettlesInOneEvaluation() {
    cw.putMetricAlarm(alarm("rate", "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", null));
    cw.putCompositeAlarm(new CompositeAlarmSpec("inner", null, true, null, null, null, "ALARM(rate)"));
    cw.putCompositeAlarm(new CompositeAlarmSpec("outer", null, true, null, null, null, "ALARM(inner) AND TRUE"));
    at(0, "RequestCount", 50);
    stateAfterEvaluationAt(1, "rate");
    assertThat(cw.alarm("inner").orElseThrow().status().value()).isEqualTo(StateValue.ALARM);
    assertThat(cw.alarm("outer").orElseThrow().status().value()).isEqualTo(StateValue.ALARM);
  }

  @Test
  void anAlarmNameIsEitherMetricOrComposite() {
    cw.putMetricAlarm(alarm("x", "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", null));
    assertThatThrownBy(() -> cw.putCompositeAlarm(new CompositeAlarmSpec("x", null, true, null, null, null, "TRUE")))
        .isInstanceOf(CloudWatchServiceException.class);
  }

  @Test
  void highResolutionTenSecondPeriodsAreEvaluated() {
    MetricAlarmSpec spec = new MetricAlarmSpec("fast", null, true, null, null, null, MetricKey.of(ALB, "RequestCount",
        LB), "Maximum", null, 10, null, 2, null, 5, "GreaterThanThreshold", null, null);
    cw.putMetricAlarm(spec);
    cw.publish(ALB, "RequestCount", LB, T0.plusSeconds(1), 9);
    cw.publish(ALB, "RequestCount", LB, T0.plusSeconds(12), 7);
    clock.set(T0.plusSeconds(20));
    cw.evaluateAll();
    assertThat(cw.alarm("fast").orElseThrow().status().value()).isEqualTo(StateValue.ALARM);
  }

  @Test
  void evaluateEveryRunsOnTheSchedulersTimer() {
    List<Runnable> timers = new ArrayList<>();
    dev.cutover.port.Scheduler scheduler = new dev.cutover.port.Scheduler() {
      public java.time.Clock clock() {
        return clock;
      }

      public long schedule(Duration delay, Runnable task) {
        throw new UnsupportedOperationException();
      }

      public long periodic(Duration every, Runnable task) {
        assertThat(every).isEqualTo(Duration.ofSeconds(10));
        timers.add(task);
        return timers.size();
      }

      public void cancel(long id) {}
    };
    cw.putMetricAlarm(alarm("a", "RequestCount", "Sum", 1, null, 10, "GreaterThanThreshold", null));
    assertThat(cw.evaluateEvery(scheduler, Duration.ofSeconds(10))).isEqualTo(1);
    at(0, "RequestCount", 50);
    clock.set(T0.plusSeconds(60));
    timers.get(0).run();
    assertThat(cw.alarm("a").orElseThrow().status().value()).isEqualTo(StateValue.ALARM);
  }

  @Test
  void concurrentPublishersLoseNoSamples() throws Exception {
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      threads.add(new Thread(() -> {
        for (int i = 0; i < 5_000; i++) {
          cw.publish(ALB, "RequestCount", LB, T0.plusSeconds(i % 60), 1);
        }
      }));
    }
    threads.forEach(Thread::start);
    for (Thread t : threads) {
      t.join(10_000);
    }
    List<MetricDataResult> r = cw.getMetricData(List.of(MetricDataQuery.stat("n",
        new MetricStat(MetricKey.of(ALB, "RequestCount", LB), 60, "SampleCount", null), true)), T0,
        T0.plusSeconds(60), true);
    assertThat(r.get(0).values()).containsExactly(20_000.0);
  }
}
