package dev.cutover.sandbox.cloudwatch;

import java.util.List;
import java.util.Set;

/**
 * DescribeAlarms filters. Empty {@code alarmTypes} means metric alarms only (as AWS); {@code maxRecords} null
 * means 50.
 */
public record DescribeAlarmsRequest(
    List<String> alarmNames,
    String alarmNamePrefix,
    Set<String> alarmTypes,
    StateValue stateValue,
    Integer maxRecords,
    String nextToken) {
  public DescribeAlarmsRequest {
    alarmNames = alarmNames == null ? List.of() : List.copyOf(alarmNames);
    alarmTypes = alarmTypes == null ? Set.of() : Set.copyOf(alarmTypes);
    if (alarmNames.size() > 100) {
      throw CloudWatchServiceException.validation("1 validation error detected: Value '" + alarmNames
          + "' at 'alarmNames' failed to satisfy constraint: Member must have length less than or equal to 100");
    }
    if (!alarmNames.isEmpty() && alarmNamePrefix != null) {
      throw CloudWatchServiceException.invalidCombination("AlarmNames and AlarmNamePrefix cannot be used together.");
    }
    for (String t : alarmTypes) {
      if (!t.equals("MetricAlarm") && !t.equals("CompositeAlarm")) {
        throw CloudWatchServiceException.validation("AlarmTypes must be MetricAlarm or CompositeAlarm, got " + t);
      }
    }
    if (maxRecords != null && (maxRecords < 1 || maxRecords > 100)) {
      throw CloudWatchServiceException.validation("MaxRecords must be between 1 and 100");
    }
  }

  public static DescribeAlarmsRequest all() {
    return new DescribeAlarmsRequest(null, null, Set.of("MetricAlarm", "CompositeAlarm"), null, 100, null);
  }
}
