package dev.cutover.engine;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Split;
import dev.cutover.port.BlockingPlanStore;
import dev.cutover.port.PlanStore;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator's rollback leaves in a plan's store once Route 53 has the revert (the UPSERT always goes
 * first: nothing may stand between a responder and the revert). The journal always records it, so a controller
 * restarted later sees an operator's revert and never shifts again; a controller running elsewhere is told to
 * abort. Shared by {@code cutover rollback} and the fleet rollback of {@code serve}.
 */
public final class Rollbacks {
  private Rollbacks() {}

  /** What recording the rollback found: whether a controller elsewhere runs the plan (and was told to abort). */
  public record Recorded(boolean controllerTold) {}

  /**
   * Journals the operator's revert of {@code plan} and tells a controller running it elsewhere to abort.
   *
   * @param changeId the UPSERT's change id, or null when every pair already was at 100% Heroku
   * @param batch the UPSERT batch sent, or null
   * @param why how the operator asked ("cutover rollback command", "fleet rollback")
   */
  public static Future<Recorded> record(PlanStore store, String by, Instant at, String changeId, ChangeBatch batch,
      String why) {
    return store.controllerRunning().compose(running -> store.journal().readAll().compose(journal -> {
      Future<Void> written = Future.succeededFuture();
      for (CutoverEvent e : events(by, at, changeId, batch, why, running, journal)) {
        written = written.compose(v -> store.journal().append(e));
      }
      return written.compose(v -> running
          ? store.send(abort(by, at)).map(new Recorded(true))
          : Future.succeededFuture(new Recorded(false)));
    }));
  }

  /** The same without Vert.x, for a one-shot {@code rollback} on the local store: one fsync for all its events. */
  public static Recorded record(BlockingPlanStore store, String by, Instant at, String changeId, ChangeBatch batch,
      String why) throws java.io.IOException {
    boolean running = store.controllerRunning();
    store.append(events(by, at, changeId, batch, why, running, store.read()));
    if (running) {
      store.send(abort(by, at));
    }
    return new Recorded(running);
  }

  /**
   * What an operator's rollback journals: the revert intent, the change it sent, and, when no controller runs the
   * plan's unfinished cutover, its end (a controller that runs it ends it itself once told to abort).
   */
  static List<CutoverEvent> events(String by, Instant at, String changeId, ChangeBatch batch, String why,
      boolean running, List<CutoverEvent> journal) {
    List<CutoverEvent> add = new ArrayList<>();
    add.add(OperatorSend.revertIntent(at, by, why));
    if (changeId != null) {
      add.add(new CutoverEvent.ChangeSubmitted(at, changeId, Split.ALL_HEROKU, "rollback",
          batch.changes().stream().map(ChangeBatch.Change::toString).toList()));
    }
    if (!running && !Recovery.unfinished(journal).isEmpty()) {
      add.add(new CutoverEvent.Finished(at, Phase.ABORTED, ExitCode.OPERATOR_STOPPED.code(),
          "rolled back to 100% Heroku by " + by + " (" + why + ")"));
    }
    return add;
  }

  private static OperatorCommand abort(String by, Instant at) {
    return new OperatorCommand(OperatorCommand.Kind.ABORT, by, at);
  }
}
