package dev.cutover.port;

/**
 * An AWS call failed for good: not retryable, or still failing when the retry deadline passed. The message
 * says which call, what AWS answered and what to do.
 */
public final class AwsCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final boolean transient_;

  public AwsCallException(String message, boolean transientFailure, Throwable cause) {
    super(message, cause);
    this.transient_ = transientFailure;
  }

  /** True when the failure was of a kind that may pass (throttling, 5xx, timeout) but outlasted the deadline. */
  public boolean wasTransient() {
    return transient_;
  }
}
