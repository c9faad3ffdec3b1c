package dev.cutover.port;

/** Another live run holds the plan's lease. */
public final class LeaseHeldException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public LeaseHeldException(String planName, String holder) {
    this(planName, holder, true);
  }

  /** @param forceable whether {@code --force-takeover} can take this lease (a shared store's, not an OS lock) */
  public LeaseHeldException(String planName, String holder, boolean forceable) {
    super("plan " + planName + " is being run by " + holder + "; wait for it to finish, or send it commands"
        + " (cutover pause/resume/promote/abort)" + (forceable ? ", or in an emergency use --force-takeover"
            : "; a local lock dies with its process, so if that process is stuck, stop it (kill its pid)"));
  }
}
