package dev.cutover.app;

import dev.cutover.journal.StateDir;
import java.io.File;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Points the JSON-lines log at {@code <state dir>/logs/cutover.jsonl} before Logback starts (see {@link LogConfiguration}),
 * or at the null device when the state dir cannot be used: the command that needs the state dir then says why
 * in one line ({@link StateDirs}), and Logback never prints a status dump about a file it could not open.
 */
final class Logs {
  private Logs() {}

  static void configure(String[] args) {
    if (System.getProperty("cutover.logDir") != null || System.getProperty("cutover.logFile") != null) {
      return;
    }
    String file;
    try {
      Path dir = StateDir.resolve(stateDirFlag(args)).root();
      file = StateDirs.problem(dir).isEmpty() ? dir.resolve("logs").resolve("cutover.jsonl").toString() : nowhere();
    } catch (InvalidPathException e) {
      file = nowhere();
    }
    System.setProperty("cutover.logFile", file);
  }

  private static Path stateDirFlag(String[] args) {
    String dir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--state-dir") && i + 1 < args.length) {
        dir = args[i + 1];
      } else if (args[i].startsWith("--state-dir=")) {
        dir = args[i].substring("--state-dir=".length());
      }
    }
    return dir == null ? null : Path.of(dir);
  }

  private static String nowhere() {
    return File.separatorChar == '\\' ? "NUL" : "/dev/null";
  }
}
