package dev.cutover.domain;

import java.time.Instant;

/** An operator's instruction to a running cutover, with who gave it. */
public record OperatorCommand(Kind kind, String by, Instant at) {
  public enum Kind {
    /** Hold the bake clock; gates are still watched. */
    PAUSE,
    /** Continue after a pause, or approve a step waiting for approval. */
    RESUME,
    /** Skip the rest of the current bake if the gates are healthy at the next poll. */
    PROMOTE,
    /** Revert to 100% Heroku and stop (exit 5). */
    ABORT
  }
}
