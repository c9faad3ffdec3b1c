package dev.cutover.port;

/** Another live run holds the plan's lease. */
public final class LeaseHeldException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LeaseHeldException(String planName, String holder) {
    super("plan " + planName + " is being run by " + holder + "; wait for it to finish, send it commands"
        + " (cutover pause/resume/promote/abort), or in an emergency use --force-takeover");
  }
}
