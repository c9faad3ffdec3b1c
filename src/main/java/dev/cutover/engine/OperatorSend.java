package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.RevertCause;
import dev.cutover.port.PlanStore;
import io.vertx.core.Future;

/**
 * pause, resume, promote, abort as a use case: an instruction to the controller running a plan in another process,
 * through the plan's store. An abort is journalled as the operator's revert intent first, so that a controller that
 * dies before it reads the command still reverts when it restarts.
 */
public final class OperatorSend {
  private OperatorSend() {}

  /** The intent {@code cutover abort} journals; {@code history} labels it "abort by NAME (cutover abort command)". */
  public static final String ABORT_REASON = "abort command";
  /** The intent {@code cutover rollback} journals. */
  public static final String ROLLBACK_REASON = "cutover rollback command";
  /** The intent a fleet rollback of {@code serve} journals. */
  public static final String FLEET_ROLLBACK_REASON = "fleet rollback";
  private static final String TRIGGER = "operator ";

  /** Whether the command reached a running controller. */
  public enum Outcome { SENT, NO_CONTROLLER }

  public static Future<Outcome> send(PlanStore store, OperatorCommand command) {
    return store.controllerRunning().compose(running -> {
      if (!running) {
        return Future.succeededFuture(Outcome.NO_CONTROLLER);
      }
      Future<Void> journalled = command.kind() == OperatorCommand.Kind.ABORT
          ? store.journal().append(revertIntent(command.at(), command.by(), ABORT_REASON))
          : Future.succeededFuture();
      return journalled.compose(v -> store.send(command)).map(Outcome.SENT);
    });
  }

  /** The operator's revert intent, as {@code abort}, {@code rollback} and a fleet rollback journal it. */
  public static CutoverEvent.RevertIntent revertIntent(java.time.Instant at, String by, String reason) {
    return new CutoverEvent.RevertIntent(at, RevertCause.OPERATOR, TRIGGER + by, reason);
  }

  /** Who journalled an operator's revert intent ({@code abort}, {@code rollback}), or null for any other. */
  public static String operator(CutoverEvent.RevertIntent r) {
    return r.cause() == RevertCause.OPERATOR && r.trigger() != null && r.trigger().startsWith(TRIGGER)
        ? r.trigger().substring(TRIGGER.length()) : null;
  }
}
