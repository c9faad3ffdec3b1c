package dev.cutover.sandbox.cloudwatch;

import java.time.Instant;

/** An immutable snapshot of an alarm: its definition, when that was last updated, and its state. */
public sealed interface Alarm permits Alarm.Metric, Alarm.Composite {
  String name();

  Instant configurationUpdated();

  AlarmStatus status();

  default String arn() {
    return AlarmNames.arn(name());
  }

  Alarm withStatus(AlarmStatus status);

  /** A metric alarm. */
  record Metric(MetricAlarmSpec spec, Instant configurationUpdated, AlarmStatus status) implements Alarm {
    public String name() {
      return spec.name();
    }

    public Metric withStatus(AlarmStatus s) {
      return new Metric(spec, configurationUpdated, s);
    }
  }

  /** A composite alarm. */
  record Composite(CompositeAlarmSpec spec, Instant configurationUpdated, AlarmStatus status) implements Alarm {
    public String name() {
      return spec.name();
    }

    public Composite withStatus(AlarmStatus s) {
      return new Composite(spec, configurationUpdated, s);
    }
  }
}
