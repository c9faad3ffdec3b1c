package dev.cutover.sandbox.route53;

/** Route 53's change states. */
public enum ChangeStatus {
  PENDING,
  INSYNC
}
