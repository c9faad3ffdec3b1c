package dev.cutover.domain;

/** A CloudWatch alarm as described: its kind, state and reason. */
public record AlarmStatus(String name, Kind kind, State state, String reason) {

  public enum Kind { METRIC, COMPOSITE }

  public enum State { OK, ALARM, INSUFFICIENT_DATA }

  public Verdict verdict() {
    return switch (state) {
      case OK -> Verdict.HEALTHY;
      case ALARM -> Verdict.BREACHED;
      case INSUFFICIENT_DATA -> Verdict.INCONCLUSIVE;
    };
  }

  public GateReading reading() {
    return new GateReading(name, verdict(), state + (reason == null || reason.isBlank() ? "" : ": " + reason));
  }
}
