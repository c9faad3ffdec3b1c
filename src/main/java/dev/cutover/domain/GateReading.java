package dev.cutover.domain;

import java.util.List;

/** One gate's verdict with the reason a human can read (the alarm's state and StateReason). */
public record GateReading(String gate, Verdict verdict, String detail) {

  public static Verdict overall(List<GateReading> readings) {
    return Verdict.worst(readings.stream().map(GateReading::verdict).toList());
  }

  public static List<GateReading> allUnknown(List<String> gates, String why) {
    return gates.stream().map(g -> new GateReading(g, Verdict.UNKNOWN, why)).toList();
  }
}
