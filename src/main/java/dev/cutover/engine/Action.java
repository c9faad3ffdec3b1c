package dev.cutover.engine;

import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Phase;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;

/** A side effect the driver must carry out after journalling the decision's events. */
public sealed interface Action {

  /** Check every pair is exactly at {@code from}, then send DELETE(current)+CREATE({@code to}) in one batch. */
  record Shift(int step, Split from, Split to) implements Action {}

  /** Poll GetChange until INSYNC. */
  record AwaitInSync(String changeId) implements Action {}

  /** UPSERT every pair to 100% Heroku, whatever the weights are now. */
  record Revert(RevertCause cause, String reason) implements Action {}

  /** The run is over. */
  record Finish(Phase outcome, ExitCode exitCode, String reason) implements Action {}
}
