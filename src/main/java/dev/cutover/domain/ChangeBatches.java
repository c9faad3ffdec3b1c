package dev.cutover.domain;

import dev.cutover.domain.ChangeBatch.Action;
import dev.cutover.domain.ChangeBatch.Change;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the change batches the controller sends: guarded forward shifts and unconditional reverts. */
public final class ChangeBatches {
  private ChangeBatches() {}

  /**
   * A compare-and-swap to {@code target}: for every pair not already there, DELETE the records exactly as read
   * and CREATE them with the new weights, all in one batch. Empty when every pair is already at the target.
   *
   * @throws IllegalArgumentException when a pair is incomplete (preflight should have caught it)
   */
  public static Optional<ChangeBatch> shift(
      String zone, List<PairState> current, Split target, String comment) {
    List<Change> changes = new ArrayList<>();
    for (PairState p : current) {
      requireComplete(p);
      if (p.isExactly(target)) {
        continue;
      }
      changes.add(new Change(Action.DELETE, p.heroku()));
      changes.add(new Change(Action.DELETE, p.aws()));
      changes.add(new Change(Action.CREATE, p.heroku().withWeight(target.herokuWeight())));
      changes.add(new Change(Action.CREATE, p.aws().withWeight(target.awsWeight())));
    }
    return changes.isEmpty() ? Optional.empty() : Optional.of(new ChangeBatch(zone, comment, changes));
  }

  /**
   * Every pair to 100% Heroku by UPSERT: applies whatever the current weights are, never blocked by a conflict.
   * Empty when every pair is already at 0.
   */
  public static Optional<ChangeBatch> revert(String zone, List<PairState> current, String comment) {
    List<Change> changes = new ArrayList<>();
    for (PairState p : current) {
      requireComplete(p);
      if (p.isExactly(Split.ALL_HEROKU)) {
        continue;
      }
      changes.add(new Change(Action.UPSERT, p.heroku().withWeight(Split.ALL_HEROKU.herokuWeight())));
      changes.add(new Change(Action.UPSERT, p.aws().withWeight(Split.ALL_HEROKU.awsWeight())));
    }
    return changes.isEmpty() ? Optional.empty() : Optional.of(new ChangeBatch(zone, comment, changes));
  }

  private static void requireComplete(PairState p) {
    if (!p.complete()) {
      throw new IllegalArgumentException("record pair " + p.pair().label() + " is incomplete ("
          + p.weights() + "); create both weighted records before running cutover");
    }
  }
}
