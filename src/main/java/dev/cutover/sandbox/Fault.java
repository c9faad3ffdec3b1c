package dev.cutover.sandbox;

import dev.cutover.plan.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One fault of a scenario: when it starts (a trigger), how long it lasts ({@code for:}, forever when null) and what
 * it does (an effect).
 *
 * @param at the simulated time since the scenario started before which the fault cannot start (null: any time)
 * @param whenSplitAtLeast the AWS share in percent the weighted records must have reached (null: any split)
 * @param duration how long the fault lasts once started; null means until the scenario stops
 */
public record Fault(Duration at, Integer whenSplitAtLeast, Duration duration, Effect effect) {
  public Fault {
    Objects.requireNonNull(effect, "effect");
    if (at == null && whenSplitAtLeast == null) {
      throw new IllegalArgumentException("a fault needs a trigger: at or whenSplitAtLeast");
    }
    if (at != null && at.isNegative()) {
      throw new IllegalArgumentException("at must not be negative, got " + at);
    }
    if (whenSplitAtLeast != null && (whenSplitAtLeast < 0 || whenSplitAtLeast > 100)) {
      throw new IllegalArgumentException("whenSplitAtLeast must be from 0 to 100, got " + whenSplitAtLeast);
    }
    if (duration != null && (duration.isNegative() || duration.isZero())) {
      throw new IllegalArgumentException("for must be positive, got " + duration);
    }
  }

  /** Whether the trigger holds {@code sinceStart} after the scenario started with the records at {@code split}. */
  public boolean triggered(Duration sinceStart, int split) {
    return (at == null || sinceStart.compareTo(at) >= 0) && (whenSplitAtLeast == null || split >= whenSplitAtLeast);
  }

  /** "at 90s, when split >= 5%, for 30s: aws.latencyFactor: 4.0". */
  public String describe() {
    List<String> when = new ArrayList<>();
    if (at != null) {
      when.add("at " + Durations.format(at));
    }
    if (whenSplitAtLeast != null) {
      when.add("when split >= " + whenSplitAtLeast + "%");
    }
    if (duration != null) {
      when.add("for " + Durations.format(duration));
    }
    return String.join(", ", when) + ": " + effect.describe();
  }
}
