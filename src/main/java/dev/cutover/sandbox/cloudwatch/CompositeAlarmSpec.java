package dev.cutover.sandbox.cloudwatch;

import java.util.List;

/** A composite alarm as PutCompositeAlarm defines it. */
public record CompositeAlarmSpec(
    String name,
    String description,
    boolean actionsEnabled,
    List<String> okActions,
    List<String> alarmActions,
    List<String> insufficientDataActions,
    String alarmRule) {
  public CompositeAlarmSpec {
    AlarmNames.check(name);
    okActions = List.copyOf(okActions == null ? List.of() : okActions);
    alarmActions = List.copyOf(alarmActions == null ? List.of() : alarmActions);
    insufficientDataActions = List.copyOf(insufficientDataActions == null ? List.of() : insufficientDataActions);
    AlarmRule.parse(alarmRule);
  }
}
