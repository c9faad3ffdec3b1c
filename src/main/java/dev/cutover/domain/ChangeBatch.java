package dev.cutover.domain;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One Route 53 change batch for one hosted zone: applied all-or-nothing. Constructing a batch that would leave
 * every record of a weighted group it writes at weight 0 is refused: Route 53 treats all-zero as an equal split,
 * so no code path may write it (README, "How it behaves": never all-zero).
 */
public record ChangeBatch(String zone, String comment, List<Change> changes) {

  public enum Action { CREATE, DELETE, UPSERT }

  public record Change(Action action, WeightedRecord record) {
    public Change {
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(record, "record");
    }

    @Override
    public String toString() {
      return action + " " + record.describe();
    }
  }

  public ChangeBatch {
    Objects.requireNonNull(zone, "zone");
    changes = List.copyOf(changes);
    if (changes.isEmpty()) {
      throw new IllegalArgumentException("a change batch needs at least one change");
    }
    refuseAllZero(changes);
  }

  private static void refuseAllZero(List<Change> changes) {
    Map<String, List<Long>> written = new HashMap<>();
    for (Change c : changes) {
      if (c.action() != Action.DELETE) {
        String group = c.record().name() + " " + c.record().type();
        written.computeIfAbsent(group, g -> new ArrayList<>()).add(c.record().weight());
      }
    }
    written.forEach((group, weights) -> {
      if (weights.size() > 1 && weights.stream().allMatch(w -> w == 0)) {
        throw new IllegalStateException("refusing to write weight 0 to every record of " + group
            + ": Route 53 would split traffic equally");
      }
    });
  }

  /** A revert: only UPSERTs (forward steps and lifecycle changes are DELETE + CREATE, guarded). */
  public boolean isRevert() {
    return changes.stream().allMatch(c -> c.action() == Action.UPSERT);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
