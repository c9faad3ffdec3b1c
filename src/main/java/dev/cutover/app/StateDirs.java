package dev.cutover.app;

import dev.cutover.cli.CliExit;
import dev.cutover.domain.ExitCode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Whether the local state dir can hold journals, locks, operator commands and logs: checked before Logback or
 * a store touches it, so that a wrong one is one clear line (exit 2 for a wrong path, 3 when the file system
 * refuses) instead of a Logback status dump or an I/O error deep in a command. Creates the directory (not its
 * parents: a typo in a parent is more likely than a wish for a new tree) when it is missing.
 */
final class StateDirs {
  private static final String HOW = "pass --state-dir DIR (or set CUTOVER_STATE_DIR) with a directory for"
      + " journals, locks and logs";

  private StateDirs() {}

  /** Empty when {@code dir} is a writable directory (created if missing); else why not, as a CLI exit. */
  static Optional<CliExit> problem(Path dir) {
    Path absolute = dir.toAbsolutePath().normalize();
    if (Files.exists(absolute)) {
      if (!Files.isDirectory(absolute)) {
        return wrong("the state dir " + dir + " is a file, not a directory: " + HOW);
      }
      return writable(dir, absolute);
    }
    Path parent = absolute.getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      return wrong("the state dir " + dir + " cannot be created: " + (Files.exists(parent)
          ? parent + " is a file" : "its parent directory " + parent + " does not exist") + "; create it first"
          + " or " + HOW);
    }
    try {
      Files.createDirectory(absolute);
    } catch (IOException e) {
      return refused("the state dir " + dir + " cannot be created in " + parent + " (" + reason(e) + "): " + HOW);
    }
    return writable(dir, absolute);
  }

  private static Optional<CliExit> writable(Path dir, Path absolute) {
    try {
      Files.delete(Files.createTempFile(absolute, ".cutover-probe-", ".tmp"));
      return Optional.empty();
    } catch (IOException e) {
      return refused("the state dir " + dir + " is not writable (" + reason(e) + "): make it writable, or " + HOW);
    }
  }

  private static Optional<CliExit> wrong(String message) {
    return Optional.of(new CliExit(ExitCode.INVALID_INPUT, message));
  }

  private static Optional<CliExit> refused(String message) {
    return Optional.of(new CliExit(ExitCode.PREFLIGHT_FAILED, message));
  }

  private static String reason(IOException e) {
    String name = e.getClass().getSimpleName();
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) {
      return f.getReason();
    }
    return e.getMessage() == null ? name : e.getMessage();
  }
}
