package dev.cutover.domain;

/** Why a revert happened; decides how the run ends. */
public enum RevertCause {
  /** A gate breached, or could not be read unknownLimit times in a row: ends ROLLED_BACK (exit 4). */
  GATE(Phase.ROLLED_BACK),
  /** An operator asked for it: ends ABORTED (exit 5). */
  OPERATOR(Phase.ABORTED),
  /** AWS errors outlasted the retry deadline: ends FAILED (exit 7). */
  FAULT(Phase.FAILED);

  private final Phase ends;

  RevertCause(Phase ends) {
    this.ends = ends;
  }

  public Phase ends() {
    return ends;
  }
}
