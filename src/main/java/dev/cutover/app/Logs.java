package dev.cutover.app;

import java.nio.file.Path;

/** Points the JSON-lines log at the state dir before Logback starts (see {@link LogConfiguration}). */
final class Logs {
  private Logs() {}

  static void configure(String[] args) {
    if (System.getProperty("cutover.logDir") != null) {
      return;
    }
    String dir = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--state-dir") && i + 1 < args.length) {
        dir = args[i + 1];
      } else if (args[i].startsWith("--state-dir=")) {
        dir = args[i].substring("--state-dir=".length());
      }
    }
    if (dir == null) {
      String env = System.getenv("CUTOVER_STATE_DIR");
      dir = env != null && !env.isBlank() ? env : ".cutover";
    }
    System.setProperty("cutover.logDir", Path.of(dir, "logs").toString());
  }
}
