package dev.cutover.engine;

import dev.cutover.domain.AlarmStatus;
import dev.cutover.domain.GateReading;
import dev.cutover.port.Signals;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns alarm states into one reading per gate, in plan order. A missing alarm or a failed call is Unknown,
 * never Healthy. The returned Future never fails.
 */
public final class GateReader {
  private final Signals signals;

  public GateReader(Signals signals) {
    this.signals = signals;
  }

  public Future<List<GateReading>> read(List<String> alarms) {
    return signals.describe(alarms).map(found -> {
      Map<String, AlarmStatus> byName =
          found.stream().collect(Collectors.toMap(AlarmStatus::name, Function.identity(), (a, b) -> a));
      return alarms.stream().map(name -> {
        AlarmStatus s = byName.get(name);
        return s == null
            ? new GateReading(name, dev.cutover.domain.Verdict.UNKNOWN, "alarm not found (deleted or renamed?)")
            : s.reading();
      }).toList();
    }).otherwise(e -> GateReading.allUnknown(alarms, "could not read CloudWatch: " + e.getMessage()));
  }
}
