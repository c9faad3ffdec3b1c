package dev.cutover.sandbox.cloudwatch;

import static dev.cutover.sandbox.cloudwatch.CloudWatchSandbox.await;
import static dev.cutover.sandbox.cloudwatch.CloudWatchSandbox.failure;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidFormatException;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;

/**
 * What the sandbox CloudWatch refuses or rounds as AWS documents it, through the real SDK (RPC v2 CBOR). Sources:
 * API Reference, MetricDatum Value ("Values must be in the range of -2^360 to 2^360. In addition, special values (for
 * example, NaN, +Infinity, -Infinity) are not supported."); GetMetricData StartTime ("Start time less than 15 days
 * ago - Round down to the nearest whole minute. For example, 12:32:34 is rounded down to 12:32:00", and for a Period
 * of 5, 10, 20 or 30 "rounded down to ... even 5-, 10-, 20-, or 30-second divisions of a minute"); SetAlarmState
 * errors (InvalidFormat: "Data was not syntactically valid JSON", 400).
 */
class CloudWatchValidationIT {
  private static final Instant NOW = Instant.parse("2026-11-21T12:40:00Z");
  private static final String NS = "Cutover/Validation";

  private CloudWatchSandbox sandbox;
  private CloudWatchAsyncClient cw;

  @BeforeEach
  void start() throws Exception {
    sandbox = CloudWatchSandbox.start(NOW);
    cw = sandbox.noRetryClient();
  }

  @AfterEach
  void stop() throws Exception {
    sandbox.close();
  }

  @Test
  void putMetricDataRefusesNanInfinityAndValuesBeyondTwoToThe360() throws Exception {
    for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e200,
        -Math.scalb(1.0, 361)}) {
      Throwable t = failure(cw.putMetricData(r -> r.namespace(NS)
          .metricData(MetricDatum.builder().metricName("Latency").value(bad).build())));

      assertThat(t).as("value %s", bad).isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
        assertThat(e.getMessage()).contains("-2^360 to 2^360");
      });
    }
    assertThat(failure(cw.putMetricData(r -> r.namespace(NS).metricData(MetricDatum.builder().metricName("Latency")
        .values(1.0, Double.NaN).build())))).isInstanceOf(InvalidParameterValueException.class);
    assertThat(failure(cw.putMetricData(r -> r.namespace(NS).metricData(MetricDatum.builder().metricName("Latency")
        .statisticValues(s -> s.sampleCount(1.0).sum(Double.POSITIVE_INFINITY).minimum(1.0).maximum(1.0)).build()))))
        .isInstanceOf(InvalidParameterValueException.class);
    assertThat(await(cw.listMetrics(r -> r.namespace(NS))).metrics()).as("nothing stored").isEmpty();

    await(cw.putMetricData(r -> r.namespace(NS).metricData(MetricDatum.builder().metricName("Latency")
        .value(Math.scalb(1.0, 360)).build(), MetricDatum.builder().metricName("Latency").value(-1e108).build())));
    assertThat(await(cw.listMetrics(r -> r.namespace(NS))).metrics()).as("2^360 itself is allowed").hasSize(1);
  }

  @Test
  void putMetricDataRefusesADimensionNameGivenTwice() {
    Throwable t = failure(cw.putMetricData(r -> r.namespace(NS).metricData(MetricDatum.builder().metricName("Latency")
        .dimensions(dim("Host", "a"), dim("Host", "b")).value(1.0).build())));

    assertThat(t).isInstanceOfSatisfying(InvalidParameterValueException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No metric may specify the same dimension name twice.");
    });
    assertThat(failure(cw.putMetricAlarm(r -> r.alarmName("dup").namespace(NS).metricName("Latency")
        .dimensions(dim("Host", "a"), dim("Host", "b")).statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1)
        .threshold(1.0).comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD))))
        .isInstanceOf(InvalidParameterValueException.class).hasMessageContaining("same dimension name twice");
  }

  @Test
  void getMetricDataRoundsStartTimeDownToTheMinuteAsDocumented() throws Exception {
    Instant t1232 = Instant.parse("2026-11-21T12:32:00Z");
    await(cw.putMetricData(r -> r.namespace(NS).metricData(
        MetricDatum.builder().metricName("Requests").timestamp(t1232.plusSeconds(10)).value(3.0).build(),
        MetricDatum.builder().metricName("Requests").timestamp(t1232.plusSeconds(50)).value(4.0).build(),
        MetricDatum.builder().metricName("Requests").timestamp(t1232.plusSeconds(70)).value(5.0).build())));
    Metric requests = Metric.builder().namespace(NS).metricName("Requests").build();

    GetMetricDataResponse minute = await(cw.getMetricData(q -> q.startTime(Instant.parse("2026-11-21T12:32:34Z"))
        .endTime(Instant.parse("2026-11-21T12:34:00Z")).scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(
            MetricDataQuery.builder().id("m").metricStat(s -> s.metric(requests).period(60).stat("Sum")).build())));
    GetMetricDataResponse tenSeconds = await(cw.getMetricData(q -> q.startTime(Instant.parse("2026-11-21T12:32:34Z"))
        .endTime(Instant.parse("2026-11-21T12:33:00Z")).scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(
            MetricDataQuery.builder().id("m").metricStat(s -> s.metric(requests).period(10).stat("Sum")).build())));

    assertThat(minute.metricDataResults().get(0).timestamps()).as("12:32:34 is rounded down to 12:32:00")
        .containsExactly(t1232, t1232.plusSeconds(60));
    assertThat(minute.metricDataResults().get(0).values()).containsExactly(7.0, 5.0);
    assertThat(tenSeconds.metricDataResults().get(0).timestamps()).as("period 10: down to 12:32:30")
        .containsExactly(t1232.plusSeconds(50));
  }

  @Test
  void setAlarmStateWithStateReasonDataThatIsNotJsonIsInvalidFormat() throws Exception {
    await(cw.putMetricAlarm(r -> r.alarmName("gate").namespace(NS).metricName("Latency")
        .statistic(Statistic.AVERAGE).period(60).evaluationPeriods(1).threshold(1.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));

    for (String bad : List.of("not json", "{\"a\":", "{} trailing")) {
      Throwable t = failure(cw.setAlarmState(r -> r.alarmName("gate").stateValue(StateValue.ALARM).stateReason("x")
          .stateReasonData(bad)));
      assertThat(t).as(bad).isInstanceOfSatisfying(InvalidFormatException.class, e -> {
        assertThat(e.statusCode()).isEqualTo(400);
        assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidFormat");
      });
    }
    await(cw.setAlarmState(r -> r.alarmName("gate").stateValue(StateValue.ALARM).stateReason("drill")
        .stateReasonData("{\"version\":\"1.0\"}")));
    var alarm = await(cw.describeAlarms(r -> r.alarmNames("gate"))).metricAlarms().get(0);
    assertThat(alarm.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(alarm.stateReasonData()).isEqualTo("{\"version\":\"1.0\"}");
  }

  @Test
  void anOperationTheSandboxDoesNotServeIsInvalidActionWithACodeTheSdkParses() {
    Throwable t = failure(cw.describeAlarmHistory(r -> r.alarmName("gate")));

    assertThat(t).isInstanceOfSatisfying(CloudWatchException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(400);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidAction");
      assertThat(e.awsErrorDetails().errorMessage()).contains("DescribeAlarmHistory");
    });
  }

  private static Dimension dim(String name, String value) {
    return Dimension.builder().name(name).value(value).build();
  }

}
