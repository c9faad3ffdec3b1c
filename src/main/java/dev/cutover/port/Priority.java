package dev.cutover.port;

/**
 * How urgent an AWS call is when calls queue for the account's shared budget (README, "One account, one budget"): a revert always
 * goes ahead of shifts, shifts ahead of reads, and reads ahead of publishing. Within one priority, first come first
 * served.
 */
public enum Priority {
  /** Putting traffic back on Heroku, and the read it needs. Never waits behind anything else. */
  REVERT,
  /** A forward step, or any other write the operator asked for, and its INSYNC polling. */
  SHIFT,
  /** Polling reads: weights for drift, alarm states for gates, status. */
  READ,
  /** Publishing cutover's own figures (a Heroku drain's metrics): waits behind every read of a gate. */
  PUBLISH
}
