package dev.cutover.cli;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.RevertCause;
import java.time.Instant;
import java.util.Optional;

/**
 * The revert intents the operator commands journal ({@code cutover rollback}, {@code cutover abort}), written
 * and read back in one place so that {@code history} can label them plainly: "rollback by alice (cutover
 * rollback command)".
 */
final class OperatorReverts {
  static final String ROLLBACK = "cutover rollback command";
  static final String ABORT = "abort command";
  private static final String TRIGGER = "operator ";

  private OperatorReverts() {}

  static CutoverEvent.RevertIntent rollback(Instant at, String by) {
    return new CutoverEvent.RevertIntent(at, RevertCause.OPERATOR, TRIGGER + by, ROLLBACK);
  }

  static CutoverEvent.RevertIntent abort(Instant at, String by) {
    return new CutoverEvent.RevertIntent(at, RevertCause.OPERATOR, TRIGGER + by, ABORT);
  }

  /** "rollback by alice (cutover rollback command)" for an intent one of these commands journalled. */
  static Optional<String> label(CutoverEvent.RevertIntent r) {
    if (r.cause() != RevertCause.OPERATOR || r.trigger() == null || !r.trigger().startsWith(TRIGGER)) {
      return Optional.empty();
    }
    String by = r.trigger().substring(TRIGGER.length());
    if (ROLLBACK.equals(r.reason())) {
      return Optional.of("rollback by " + Terminal.safe(by) + " (" + ROLLBACK + ")");
    }
    if (ABORT.equals(r.reason())) {
      return Optional.of("abort by " + Terminal.safe(by) + " (cutover abort command)");
    }
    return Optional.empty();
  }
}
