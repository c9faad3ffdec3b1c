package dev.cutover.sandbox.cloudwatch;

import static dev.cutover.sandbox.cloudwatch.CloudWatchSandbox.await;
import static dev.cutover.sandbox.cloudwatch.CloudWatchSandbox.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.CloudWatchException;
import software.amazon.awssdk.services.cloudwatch.model.ComparisonOperator;
import software.amazon.awssdk.services.cloudwatch.model.CompositeAlarm;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.DimensionFilter;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataResponse;
import software.amazon.awssdk.services.cloudwatch.model.InvalidParameterValueException;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricAlarm;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDatum;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;
import software.amazon.awssdk.services.cloudwatch.model.StandardUnit;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.cloudwatch.model.Statistic;
import software.amazon.awssdk.services.cloudwatch.model.StatusCode;

/** The real AWS SDK v2 async client (Smithy RPC v2 CBOR) against the sandbox CloudWatch. */
class CloudWatchSandboxIT {
  private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
  private static final String ALB = "AWS/ApplicationELB";
  private static final Map<String, String> LB = Map.of("LoadBalancer", "app/api/123");
  private static final Dimension LB_DIM = Dimension.builder().name("LoadBalancer").value("app/api/123").build();

  private CloudWatchSandbox sandbox;
  private CloudWatchAsyncClient cw;

  @BeforeEach
  void start() throws Exception {
    sandbox = CloudWatchSandbox.start(T0);
    cw = sandbox.client();
  }

  @AfterEach
  void stop() throws Exception {
    sandbox.close();
  }


  private void putAlarm(String name, String metric, double threshold) throws Exception {
    await(cw.putMetricAlarm(r -> r.alarmName(name).namespace(ALB).metricName(metric).dimensions(LB_DIM)
        .statistic(Statistic.SUM).period(60).evaluationPeriods(1).threshold(threshold)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD)));
  }

  @Test
  void sdkSpeaksRpcV2CborToTheSandbox() throws Exception {
    await(cw.describeAlarms(r -> {}));
    assertThat(sandbox.api.recentRequests())
        .containsExactly(new CloudWatchApi.Request(CloudWatchApi.Protocol.RPC_V2_CBOR, "DescribeAlarms"));
  }

  @Test
  void putMetricDataThenGetMetricDataWithMetricStatAndFillExpression() throws Exception {
    Dimension host = Dimension.builder().name("Host").value("api.example.com").build();
    await(cw.putMetricData(r -> r.namespace("Cutover/Test").metricData(
        MetricDatum.builder().metricName("Requests").dimensions(host).timestamp(T0.plusSeconds(5)).value(100.0)
            .unit(StandardUnit.COUNT).build(),
        MetricDatum.builder().metricName("Requests").dimensions(host).timestamp(T0.plusSeconds(65))
            .values(40.0, 60.0).counts(1.0, 1.0).build(),
        MetricDatum.builder().metricName("Errors").dimensions(host).timestamp(T0.plusSeconds(70))
            .statisticValues(s -> s.sampleCount(2.0).sum(5.0).minimum(2.0).maximum(3.0)).build())));
    Metric requests = Metric.builder().namespace("Cutover/Test").metricName("Requests").dimensions(host).build();
    Metric errors = Metric.builder().namespace("Cutover/Test").metricName("Errors").dimensions(host).build();

    GetMetricDataResponse r = await(cw.getMetricData(q -> q.startTime(T0).endTime(T0.plusSeconds(120))
        .scanBy(ScanBy.TIMESTAMP_ASCENDING).metricDataQueries(
            MetricDataQuery.builder().id("mreq").metricStat(s -> s.metric(requests).period(60).stat("Sum")).build(),
            MetricDataQuery.builder().id("m5xx").metricStat(s -> s.metric(errors).period(60).stat("Sum"))
                .returnData(false).build(),
            MetricDataQuery.builder().id("rate").expression("100*FILL(m5xx,0)/mreq").label("error rate").build())));

    assertThat(r.metricDataResults()).hasSize(2);
    var req = r.metricDataResults().get(0);
    assertThat(req.id()).isEqualTo("mreq");
    assertThat(req.label()).isEqualTo("Requests");
    assertThat(req.statusCode()).isEqualTo(StatusCode.COMPLETE);
    assertThat(req.timestamps()).containsExactly(T0, T0.plusSeconds(60));
    assertThat(req.values()).containsExactly(100.0, 100.0);
    var rate = r.metricDataResults().get(1);
    assertThat(rate.label()).isEqualTo("error rate");
    assertThat(rate.values()).containsExactly(0.0, 5.0);

    GetMetricDataResponse desc = await(cw.getMetricData(q -> q.startTime(T0).endTime(T0.plusSeconds(120))
        .metricDataQueries(MetricDataQuery.builder().id("avg")
            .metricStat(s -> s.metric(requests).period(60).stat("Average")).build())));
    assertThat(desc.metricDataResults().get(0).timestamps()).containsExactly(T0.plusSeconds(60), T0);
    assertThat(desc.metricDataResults().get(0).values()).containsExactly(50.0, 100.0);
  }

  @Test
  void putMetricDataIntoAnAwsNamespaceIsRejectedAsByAws() {
    Throwable t = failure(cw.putMetricData(r -> r.namespace(ALB)
        .metricData(MetricDatum.builder().metricName("RequestCount").value(1.0).build())));
    assertThat(t).isInstanceOf(InvalidParameterValueException.class);
    assertThat(((CloudWatchException) t).awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
  }

  @Test
  void listMetricsFiltersByNamespaceAndDimension() throws Exception {
    sandbox.model.publish(ALB, "RequestCount", LB, T0, 1);
    sandbox.model.publish(ALB, "RequestCount", Map.of("LoadBalancer", "app/web/9"), T0, 1);
    sandbox.model.publish(ALB, "TargetResponseTime", LB, T0, 0.1);
    var all = await(cw.listMetrics(r -> r.namespace(ALB)));
    assertThat(all.metrics()).hasSize(3);
    var filtered = await(cw.listMetrics(r -> r.namespace(ALB).metricName("RequestCount")
        .dimensions(DimensionFilter.builder().name("LoadBalancer").value("app/api/123").build())));
    assertThat(filtered.metrics()).singleElement().satisfies(m -> {
      assertThat(m.metricName()).isEqualTo("RequestCount");
      assertThat(m.dimensions()).containsExactly(LB_DIM);
    });
  }

  @Test
  void p99AlarmStartsInsufficientThenTripsFromPublishedLatencies() throws Exception {
    await(cw.putMetricAlarm(r -> r.alarmName("api-p99").alarmDescription("p99 latency").namespace(ALB)
        .metricName("TargetResponseTime").dimensions(LB_DIM).extendedStatistic("p99").period(60)
        .evaluationPeriods(3).datapointsToAlarm(2).threshold(1.5)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).treatMissingData("notBreaching")));
    MetricAlarm created = await(cw.describeAlarms(r -> r.alarmNames("api-p99"))).metricAlarms().get(0);
    assertThat(created.stateValue()).isEqualTo(StateValue.INSUFFICIENT_DATA);
    assertThat(created.alarmArn()).isEqualTo("arn:aws:cloudwatch:us-east-1:123456789012:alarm:api-p99");
    assertThat(created.extendedStatistic()).isEqualTo("p99");
    assertThat(created.statistic()).isNull();
    assertThat(created.dimensions()).containsExactly(LB_DIM);
    assertThat(created.datapointsToAlarm()).isEqualTo(2);
    assertThat(created.threshold()).isEqualTo(1.5);
    assertThat(created.treatMissingData()).isEqualTo("notBreaching");
    assertThat(created.alarmConfigurationUpdatedTimestamp()).isEqualTo(T0);

    for (int minute = 0; minute < 2; minute++) {
      double[] latencies = IntStream.range(0, 100).mapToDouble(i -> i < 95 ? 0.1 : 3.0).toArray();
      sandbox.model.publish(ALB, "TargetResponseTime", LB, T0.plusSeconds(minute * 60L + 10), latencies);
    }
    sandbox.clock.set(T0.plusSeconds(125));
    sandbox.model.evaluateAll();
    MetricAlarm tripped = await(cw.describeAlarms(r -> r.alarmNames("api-p99"))).metricAlarms().get(0);
    assertThat(tripped.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(tripped.stateReason()).startsWith("Threshold Crossed: 2 out of the last 3 datapoints");
    assertThat(tripped.stateUpdatedTimestamp()).isEqualTo(T0.plusSeconds(125));
    assertThat(tripped.stateReasonData()).contains("\"period\":60");
  }

  @Test
  void metricMathAlarmRoundTripsItsMetrics() throws Exception {
    Metric req = Metric.builder().namespace(ALB).metricName("RequestCount").dimensions(LB_DIM).build();
    Metric err = Metric.builder().namespace(ALB).metricName("HTTPCode_Target_5XX_Count").dimensions(LB_DIM).build();
    await(cw.putMetricAlarm(r -> r.alarmName("api-5xx-rate").evaluationPeriods(2).threshold(5.0)
        .comparisonOperator(ComparisonOperator.GREATER_THAN_THRESHOLD).metrics(
            MetricDataQuery.builder().id("mreq").metricStat(s -> s.metric(req).period(60).stat("Sum"))
                .returnData(false).build(),
            MetricDataQuery.builder().id("m5xx").metricStat(s -> s.metric(err).period(60).stat("Sum"))
                .returnData(false).build(),
            MetricDataQuery.builder().id("e1").expression("100*FILL(m5xx,0)/mreq").label("5xx %")
                .returnData(true).build())));
    for (int minute = 0; minute < 2; minute++) {
      sandbox.model.publish(ALB, "RequestCount", LB, T0.plusSeconds(minute * 60L), 100);
      sandbox.model.publish(ALB, "HTTPCode_Target_5XX_Count", LB, T0.plusSeconds(minute * 60L), 20);
    }
    sandbox.clock.set(T0.plusSeconds(120));
    sandbox.model.evaluateAll();
    MetricAlarm a = await(cw.describeAlarms(r -> r.alarmNames("api-5xx-rate"))).metricAlarms().get(0);
    assertThat(a.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(a.metricName()).isNull();
    assertThat(a.metrics()).extracting(MetricDataQuery::id).containsExactly("mreq", "m5xx", "e1");
    assertThat(a.metrics().get(2).expression()).isEqualTo("100*FILL(m5xx,0)/mreq");
    assertThat(a.metrics().get(2).returnData()).isTrue();
    assertThat(a.metrics().get(0).metricStat().metric()).isEqualTo(req);
  }

  @Test
  void describeAlarmsReturnsCompositesOnlyWhenAskedFor() throws Exception {
    putAlarm("api-5xx", "HTTPCode_Target_5XX_Count", 10);
    putAlarm("api-req", "RequestCount", 1000);
    await(cw.putCompositeAlarm(r -> r.alarmName("api-gate")
        .alarmRule("ALARM(\"api-5xx\") OR ALARM(api-req)").alarmDescription("any signal")));

    DescribeAlarmsResponse metricOnly = await(cw.describeAlarms(r -> {}));
    assertThat(metricOnly.metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("api-5xx", "api-req");
    assertThat(metricOnly.compositeAlarms()).isEmpty();

    await(cw.setAlarmState(r -> r.alarmName("api-5xx").stateValue(StateValue.ALARM).stateReason("drill")));
    DescribeAlarmsResponse both = await(cw.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM,
        AlarmType.METRIC_ALARM)));
    assertThat(both.metricAlarms()).hasSize(2);
    CompositeAlarm gate = both.compositeAlarms().get(0);
    assertThat(gate.alarmName()).isEqualTo("api-gate");
    assertThat(gate.alarmRule()).isEqualTo("ALARM(\"api-5xx\") OR ALARM(api-req)");
    assertThat(gate.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(gate.stateUpdatedTimestamp()).isEqualTo(T0);

    DescribeAlarmsResponse compositeOnly = await(cw.describeAlarms(r -> r.alarmTypes(AlarmType.COMPOSITE_ALARM)));
    assertThat(compositeOnly.metricAlarms()).isEmpty();
    assertThat(compositeOnly.compositeAlarms()).hasSize(1);
  }

  @Test
  void describeAlarmsPagesWithNextTokenAndFiltersByState() throws Exception {
    for (int i = 0; i < 5; i++) {
      putAlarm("alarm-" + i, "RequestCount", 10);
    }
    await(cw.setAlarmState(r -> r.alarmName("alarm-3").stateValue(StateValue.OK).stateReason("drill")));
    List<String> names = new java.util.ArrayList<>();
    String token = null;
    int pages = 0;
    do {
      String next = token;
      DescribeAlarmsResponse page = await(cw.describeAlarms(r -> r.maxRecords(2).nextToken(next)));
      page.metricAlarms().forEach(a -> names.add(a.alarmName()));
      token = page.nextToken();
      pages++;
    } while (token != null);
    assertThat(pages).isEqualTo(3);
    assertThat(names).containsExactly("alarm-0", "alarm-1", "alarm-2", "alarm-3", "alarm-4");

    DescribeAlarmsResponse ok = await(cw.describeAlarms(r -> r.stateValue(StateValue.OK)));
    assertThat(ok.metricAlarms()).extracting(MetricAlarm::alarmName).containsExactly("alarm-3");
    DescribeAlarmsResponse prefixed = await(cw.describeAlarms(r -> r.alarmNamePrefix("alarm-4")));
    assertThat(prefixed.metricAlarms()).hasSize(1);
  }

  @Test
  void setAlarmStateHoldsUntilTheNextEvaluation() throws Exception {
    putAlarm("api-5xx", "HTTPCode_Target_5XX_Count", 10);
    sandbox.model.publish(ALB, "HTTPCode_Target_5XX_Count", LB, T0, 1);
    sandbox.clock.advance(Duration.ofSeconds(60));
    sandbox.model.evaluateAll();
    await(cw.setAlarmState(r -> r.alarmName("api-5xx").stateValue(StateValue.ALARM).stateReason("rehearsal")));
    MetricAlarm forced = await(cw.describeAlarms(r -> r.alarmNames("api-5xx"))).metricAlarms().get(0);
    assertThat(forced.stateValue()).isEqualTo(StateValue.ALARM);
    assertThat(forced.stateReason()).isEqualTo("rehearsal");
    sandbox.model.evaluateAll();
    MetricAlarm back = await(cw.describeAlarms(r -> r.alarmNames("api-5xx"))).metricAlarms().get(0);
    assertThat(back.stateValue()).isEqualTo(StateValue.OK);
  }

  @Test
  void deleteAlarmsRemovesThem() throws Exception {
    putAlarm("a", "RequestCount", 1);
    putAlarm("b", "RequestCount", 1);
    await(cw.deleteAlarms(r -> r.alarmNames("a", "ghost")));
    assertThat(await(cw.describeAlarms(r -> {})).metricAlarms()).extracting(MetricAlarm::alarmName)
        .containsExactly("b");
  }

  @Test
  void setAlarmStateOnAnUnknownAlarmIsResourceNotFound() {
    Throwable t = failure(sandbox.noRetryClient().setAlarmState(r -> r.alarmName("ghost")
        .stateValue(StateValue.ALARM).stateReason("x")));
    assertThat(t).isInstanceOf(CloudWatchException.class);
    CloudWatchException e = (CloudWatchException) t;
    assertThat(e.statusCode()).isEqualTo(404);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ResourceNotFound");
    assertThat(e.getMessage()).contains("ghost");
  }

  @Test
  void describeAlarmsWithMoreThanOneHundredNamesIsAValidationError() {
    List<String> names = IntStream.range(0, 101).mapToObj(i -> "n" + i).toList();
    Throwable t = failure(sandbox.noRetryClient().describeAlarms(r -> r.alarmNames(names)));
    assertThat(t).isInstanceOf(CloudWatchException.class);
    assertThat(((CloudWatchException) t).statusCode()).isEqualTo(400);
    assertThat(((CloudWatchException) t).awsErrorDetails().errorCode()).isEqualTo("ValidationError");
  }

  @Test
  void throttlingIsSeenAsThrottlingByTheSdk() {
    sandbox.faults.throttleUntil(T0.plusSeconds(30));
    Throwable t = failure(sandbox.noRetryClient().describeAlarms(r -> {}));
    assertThat(t).isInstanceOfSatisfying(CloudWatchException.class, e -> {
      assertThat(e.isThrottlingException()).isTrue();
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
    });
    sandbox.clock.advance(Duration.ofSeconds(30));
    assertThat(sandbox.noRetryClient().describeAlarms(r -> {}).join().metricAlarms()).isEmpty();
  }

  @Test
  void unavailableIsA503() {
    sandbox.faults.unavailableUntil(T0.plusSeconds(30));
    Throwable t = failure(sandbox.noRetryClient().getMetricData(r -> r.startTime(T0).endTime(T0.plusSeconds(60))
        .metricDataQueries(MetricDataQuery.builder().id("e").expression("1+1").build())));
    assertThat(t).isInstanceOfSatisfying(CloudWatchException.class, e -> {
      assertThat(e.statusCode()).isEqualTo(503);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServiceUnavailable");
    });
  }

  @Test
  void badMetricMathIsRejected() {
    assertThatThrownBy(() -> await(sandbox.noRetryClient().getMetricData(r -> r.startTime(T0)
        .endTime(T0.plusSeconds(60)).metricDataQueries(MetricDataQuery.builder().id("e").expression("m1 +").build()))))
        .hasCauseInstanceOf(CloudWatchException.class).hasMessageContaining("Invalid metric math expression");
  }
}
