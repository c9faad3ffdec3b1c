package dev.cutover.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A validated cutover plan: the record pairs of one hosted zone, the steps, the gates, and the timing policy.
 *
 * @param settle how long a new split needs before gates judge it (TTL + client caches + metric period); each
 *     step bakes for max(bake, settle) after INSYNC
 * @param maxTtl the largest record TTL preflight accepts
 * @param labels free-form labels (team, tier, service) to select plans by, e.g. for a fleet rollback
 * @param lifecycle the soak after the last step and the finalize settings
 * @param notifications which of the server's notification sinks hear about this plan, and of what (names, no secrets)
 */
public record Plan(
    String name,
    String zone,
    List<RecordPair> records,
    List<Step> steps,
    GatePolicy gates,
    Duration maxTtl,
    Duration settle,
    FaultPolicy faults,
    java.util.Map<String, String> labels,
    Lifecycle lifecycle,
    NotifyPolicy notifications) {

  /** A plan without soak, finalize or notification settings. */
  public Plan(String name, String zone, List<RecordPair> records, List<Step> steps, GatePolicy gates,
      Duration maxTtl, Duration settle, FaultPolicy faults, java.util.Map<String, String> labels) {
    this(name, zone, records, steps, gates, maxTtl, settle, faults, labels, Lifecycle.NONE, NotifyPolicy.NONE);
  }

  /** A plan without notification routes. */
  public Plan(String name, String zone, List<RecordPair> records, List<Step> steps, GatePolicy gates,
      Duration maxTtl, Duration settle, FaultPolicy faults, java.util.Map<String, String> labels,
      Lifecycle lifecycle) {
    this(name, zone, records, steps, gates, maxTtl, settle, faults, labels, lifecycle, NotifyPolicy.NONE);
  }

  /** A plan without labels, soak, finalize or notification settings. */
  public Plan(String name, String zone, List<RecordPair> records, List<Step> steps, GatePolicy gates,
      Duration maxTtl, Duration settle, FaultPolicy faults) {
    this(name, zone, records, steps, gates, maxTtl, settle, faults, java.util.Map.of());
  }

  /** Whether every one of {@code selector}'s labels is on this plan with the same value (an empty one selects all). */
  public boolean hasLabels(java.util.Map<String, String> selector) {
    return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
  }

  public Plan {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zone, "zone");
    records = List.copyOf(records);
    steps = List.copyOf(steps);
    Objects.requireNonNull(gates, "gates");
    Objects.requireNonNull(maxTtl, "maxTtl");
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(faults, "faults");
    labels = java.util.Map.copyOf(labels);
    Objects.requireNonNull(lifecycle, "lifecycle");
    Objects.requireNonNull(notifications, "notifications");
    if (records.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one record pair");
    }
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("a plan needs at least one step");
    }
  }

  public Step step(int index) {
    return steps.get(index);
  }

  public boolean isLastStep(int index) {
    return index == steps.size() - 1;
  }

  /** The time a step must hold healthy: never shorter than the DNS settle time. */
  public Duration bakeOf(int index) {
    Duration bake = steps.get(index).bake();
    return bake.compareTo(settle) >= 0 ? bake : settle;
  }
}
