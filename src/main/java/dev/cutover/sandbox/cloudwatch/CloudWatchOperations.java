package dev.cutover.sandbox.cloudwatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.function.Function;

/** Every supported operation, written once against the shape trees; the codecs only translate the wire. */
final class CloudWatchOperations {
  private final Map<String, Function<JsonNode, ObjectNode>> operations;

  CloudWatchOperations(CloudWatchModel model) {
    MetricOperations metrics = new MetricOperations(model);
    AlarmOperations alarms = new AlarmOperations(model);
    operations = Map.of(
        "PutMetricData", metrics::putMetricData,
        "GetMetricData", metrics::getMetricData,
        "ListMetrics", metrics::listMetrics,
        "PutMetricAlarm", alarms::putMetricAlarm,
        "PutCompositeAlarm", alarms::putCompositeAlarm,
        "DescribeAlarms", alarms::describeAlarms,
        "SetAlarmState", alarms::setAlarmState,
        "DeleteAlarms", alarms::deleteAlarms);
  }

  ObjectNode invoke(String operation, JsonNode input) {
    Function<JsonNode, ObjectNode> op = operations.get(operation);
    if (op == null) {
      throw CloudWatchServiceException.invalidAction("The action " + operation + " is not valid for this endpoint"
          + " (the sandbox supports " + new java.util.TreeSet<>(operations.keySet()) + ").");
    }
    try {
      return op.apply(input == null ? Trees.object() : input);
    } catch (CloudWatchServiceException e) {
      throw e;
    } catch (RuntimeException e) {
      throw CloudWatchServiceException.invalidParameter("Malformed request: " + e.getMessage());
    }
  }
}
