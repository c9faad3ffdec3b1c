package dev.cutover.journal;

import java.nio.file.Path;

/**
 * Where a plan's local state lives: {@code <root>/<plan name>/journal.jsonl}, {@code lock}, {@code commands/}.
 * The root is {@code --state-dir}, else {@code $CUTOVER_STATE_DIR}, else {@code .cutover} in the working dir.
 */
public record StateDir(Path root) {

  public static StateDir resolve(Path flag) {
    if (flag != null) {
      return new StateDir(flag);
    }
    String env = System.getenv("CUTOVER_STATE_DIR");
    return new StateDir(Path.of(env != null && !env.isBlank() ? env : ".cutover"));
  }

  public Path plan(String planName) {
    return root.resolve(planName);
  }

  public Path journal(String planName) {
    return plan(planName).resolve("journal.jsonl");
  }

  public Path lock(String planName) {
    return plan(planName).resolve("lock");
  }

  public Path commands(String planName) {
    return plan(planName).resolve("commands");
  }
}
