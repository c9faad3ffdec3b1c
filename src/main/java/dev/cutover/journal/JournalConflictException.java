package dev.cutover.journal;

/**
 * Another writer appended to a plan's shared journal, or this process lost the plan's lease: this journal
 * refuses to write, so that two controllers' events never interleave.
 */
public final class JournalConflictException extends dev.cutover.port.StoreConflictException {
  private static final long serialVersionUID = 1L;

  public JournalConflictException(String plan, String why) {
    super("journal of plan " + plan + ": " + why + ". Another controller owns this plan now; check it with"
        + " `cutover status` before acting");
  }
}
