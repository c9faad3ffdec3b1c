package dev.cutover.cli;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.engine.OperatorSend;
import java.time.Instant;
import java.util.Optional;

/**
 * The revert intents the operator commands journal ({@code cutover rollback}, {@code cutover abort}), written
 * and read back in one place so that {@code history} can label them plainly: "rollback by alice (cutover
 * rollback command)".
 */
final class OperatorReverts {
  static final String ROLLBACK = OperatorSend.ROLLBACK_REASON;

  private OperatorReverts() {}

  static CutoverEvent.RevertIntent rollback(Instant at, String by) {
    return OperatorSend.revertIntent(at, by, ROLLBACK);
  }

  /**
   * "rollback by alice (cutover rollback command)" for an intent an operator's command journalled (rollback,
   * abort, a fleet rollback of serve).
   */
  static Optional<String> label(CutoverEvent.RevertIntent r) {
    String by = OperatorSend.operator(r);
    if (by == null) {
      return Optional.empty();
    }
    return switch (r.reason() == null ? "" : r.reason()) {
      case OperatorSend.ROLLBACK_REASON -> Optional.of("rollback by " + Terminal.safe(by) + " (" + ROLLBACK + ")");
      case OperatorSend.ABORT_REASON -> Optional.of("abort by " + Terminal.safe(by) + " (cutover abort command)");
      case OperatorSend.FLEET_ROLLBACK_REASON -> Optional.of("rollback by " + Terminal.safe(by)
          + " (fleet rollback of cutover serve)");
      default -> Optional.empty();
    };
  }
}
