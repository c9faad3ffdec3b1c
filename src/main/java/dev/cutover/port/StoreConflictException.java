package dev.cutover.port;

/**
 * Another process wrote the plan's shared state (its journal) or took its lease: this run must stop acting at
 * once, without a revert that would fight the new owner.
 */
public class StoreConflictException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public StoreConflictException(String message) {
    super(message);
  }
}
