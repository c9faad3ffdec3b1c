package dev.cutover.port;

/** Another live run holds the plan's lease. */
public final class LeaseHeldException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final transient java.time.Instant expiresAt;
  private final String holder;

  public LeaseHeldException(String planName, String holder) {
    this(planName, holder, true);
  }

  /** @param forceable whether {@code --force-takeover} can take this lease (a shared store's, not an OS lock) */
  public LeaseHeldException(String planName, String holder, boolean forceable) {
    this(planName, holder, forceable, null);
  }

  /**
   * @param expiresAt until when the holder's lease is valid unless it renews it (a shared store's lease), or null
   *     for a lock that lives as long as its process
   */
  public LeaseHeldException(String planName, String holder, boolean forceable, java.time.Instant expiresAt) {
    super("plan " + planName + " is being run by " + holder + "; wait for it to finish, or send it commands"
        + " (cutover pause/resume/promote/abort)" + (forceable ? ", or in an emergency use --force-takeover"
            : "; a local lock dies with its process, so if that process is stuck, stop it (kill its pid)"));
    this.expiresAt = expiresAt;
    this.holder = holder;
  }

  /** Who holds the lease, as the store describes it. */
  public String holder() {
    return holder;
  }

  /** Until when the lease is valid unless its holder renews it; null for a lock held as long as its process lives. */
  public java.time.Instant expiresAt() {
    return expiresAt;
  }
}
