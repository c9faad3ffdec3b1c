package dev.cutover.sandbox.cloudwatch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/** PutMetricAlarm, PutCompositeAlarm, DescribeAlarms, SetAlarmState and DeleteAlarms between trees and model. */
final class AlarmOperations {
  private static final ObjectMapper STRICT_JSON =
      JsonMapper.builder().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

  private final CloudWatchModel model;

  AlarmOperations(CloudWatchModel model) {
    this.model = model;
  }

  ObjectNode putMetricAlarm(JsonNode in) {
    List<MetricDataQuery> metrics = Trees.list(in, "Metrics").stream().map(MetricOperations::query).toList();
    String metricName = Trees.text(in, "MetricName");
    Map<String, String> dims = Trees.metricDimensions(in, "Dimensions");
    MetricKey metric = metricName == null ? null : MetricKey.of(Trees.text(in, "Namespace"), metricName, dims);
    Integer evaluationPeriods = Trees.integer(in, "EvaluationPeriods");
    if (evaluationPeriods == null) {
      throw CloudWatchServiceException.missingParameter("EvaluationPeriods");
    }
    Double threshold = Trees.number(in, "Threshold");
    if (threshold == null) {
      throw CloudWatchServiceException.validation(
          "Threshold is required (the sandbox does not support ThresholdMetricId / anomaly detection).");
    }
    Boolean actionsEnabled = Trees.bool(in, "ActionsEnabled");
    model.putMetricAlarm(new MetricAlarmSpec(Trees.required(in, "AlarmName"), Trees.text(in, "AlarmDescription"),
        actionsEnabled == null || actionsEnabled, Trees.strings(in, "OKActions"), Trees.strings(in, "AlarmActions"),
        Trees.strings(in, "InsufficientDataActions"), metric, Trees.text(in, "Statistic"),
        Trees.text(in, "ExtendedStatistic"), Trees.integer(in, "Period"), Trees.text(in, "Unit"), evaluationPeriods,
        Trees.integer(in, "DatapointsToAlarm"), threshold, Trees.required(in, "ComparisonOperator"),
        Trees.text(in, "TreatMissingData"), metrics));
    return Trees.object();
  }

  ObjectNode putCompositeAlarm(JsonNode in) {
    Boolean actionsEnabled = Trees.bool(in, "ActionsEnabled");
    model.putCompositeAlarm(new CompositeAlarmSpec(Trees.required(in, "AlarmName"),
        Trees.text(in, "AlarmDescription"), actionsEnabled == null || actionsEnabled, Trees.strings(in, "OKActions"),
        Trees.strings(in, "AlarmActions"), Trees.strings(in, "InsufficientDataActions"),
        Trees.required(in, "AlarmRule")));
    return Trees.object();
  }

  ObjectNode describeAlarms(JsonNode in) {
    String state = Trees.text(in, "StateValue");
    DescribeAlarmsResult r = model.describeAlarms(new DescribeAlarmsRequest(Trees.strings(in, "AlarmNames"),
        Trees.text(in, "AlarmNamePrefix"), new HashSet<>(Trees.strings(in, "AlarmTypes")),
        state == null ? null : StateValue.parse(state), Trees.integer(in, "MaxRecords"),
        Trees.text(in, "NextToken")));
    ObjectNode out = Trees.object();
    ArrayNode composites = out.putArray("CompositeAlarms");
    r.compositeAlarms().forEach(c -> composites.add(compositeOut(c)));
    ArrayNode metrics = out.putArray("MetricAlarms");
    r.metricAlarms().forEach(m -> metrics.add(metricOut(m)));
    Trees.putIfNotNull(out, "NextToken", r.nextToken());
    return out;
  }

  ObjectNode setAlarmState(JsonNode in) {
    String reasonData = Trees.text(in, "StateReasonData");
    if (reasonData != null && !isJson(reasonData)) {
      throw CloudWatchServiceException.invalidFormat("Data was not syntactically valid JSON: StateReasonData must"
          + " be JSON, for example {\"version\":\"1.0\"}.");
    }
    model.setAlarmState(Trees.required(in, "AlarmName"), StateValue.parse(Trees.required(in, "StateValue")),
        Trees.required(in, "StateReason"), reasonData);
    return Trees.object();
  }

  private static boolean isJson(String text) {
    try {
      STRICT_JSON.readTree(text);
      return !text.isBlank();
    } catch (IOException e) {
      return false;
    }
  }

  ObjectNode deleteAlarms(JsonNode in) {
    model.deleteAlarms(Trees.strings(in, "AlarmNames"));
    return Trees.object();
  }

  private static void common(ObjectNode o, Alarm a, String description, boolean actionsEnabled, List<String> ok,
      List<String> alarm, List<String> insufficient) {
    o.put("AlarmName", a.name());
    o.put("AlarmArn", a.arn());
    Trees.putIfNotNull(o, "AlarmDescription", description);
    Trees.putInstant(o, "AlarmConfigurationUpdatedTimestamp", a.configurationUpdated());
    o.put("ActionsEnabled", actionsEnabled);
    o.set("OKActions", Trees.stringsOut(ok));
    o.set("AlarmActions", Trees.stringsOut(alarm));
    o.set("InsufficientDataActions", Trees.stringsOut(insufficient));
    o.put("StateValue", a.status().value().name());
    o.put("StateReason", a.status().reason());
    Trees.putIfNotNull(o, "StateReasonData", a.status().reasonData());
    Trees.putInstant(o, "StateUpdatedTimestamp", a.status().updated());
    Trees.putInstant(o, "StateTransitionedTimestamp", a.status().transitioned());
  }

  private static ObjectNode metricOut(Alarm.Metric m) {
    MetricAlarmSpec s = m.spec();
    ObjectNode o = Trees.object();
    common(o, m, s.description(), s.actionsEnabled(), s.okActions(), s.alarmActions(), s.insufficientDataActions());
    if (s.metric() != null) {
      o.put("MetricName", s.metric().metricName());
      o.put("Namespace", s.metric().namespace());
      o.set("Dimensions", Trees.dimensionsOut(s.metric().dimensions()));
    } else {
      o.putArray("Dimensions");
    }
    Trees.putIfNotNull(o, "Statistic", s.statistic());
    Trees.putIfNotNull(o, "ExtendedStatistic", s.extendedStatistic());
    if (s.period() != null) {
      o.put("Period", s.period());
    }
    Trees.putIfNotNull(o, "Unit", s.unit());
    o.put("EvaluationPeriods", s.evaluationPeriods());
    if (s.datapointsToAlarm() != null) {
      o.put("DatapointsToAlarm", s.datapointsToAlarm());
    }
    o.put("Threshold", s.threshold());
    o.put("ComparisonOperator", s.comparisonOperator());
    o.put("TreatMissingData", s.treatMissingData());
    if (!s.metrics().isEmpty()) {
      ArrayNode metrics = o.putArray("Metrics");
      s.metrics().forEach(q -> metrics.add(MetricOperations.queryOut(q)));
    }
    return o;
  }

  private static ObjectNode compositeOut(Alarm.Composite c) {
    CompositeAlarmSpec s = c.spec();
    ObjectNode o = Trees.object();
    common(o, c, s.description(), s.actionsEnabled(), s.okActions(), s.alarmActions(), s.insufficientDataActions());
    o.put("AlarmRule", s.alarmRule());
    return o;
  }
}
