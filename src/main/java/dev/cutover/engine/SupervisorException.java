package dev.cutover.engine;

/** A request the supervisor refuses: the plan is unknown, or it conflicts with what runs. The message says why. */
public final class SupervisorException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public enum Kind { NOT_FOUND, CONFLICT }

  private final Kind kind;

  public SupervisorException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }
}
