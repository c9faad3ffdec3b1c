package dev.cutover.app;

import dev.cutover.cli.CliExit;
import dev.cutover.domain.ExitCode;
import dev.cutover.sandbox.Scenario;

/** Loads a scenario by built-in name or file, turning bad input into exit 2 with the parser's message. */
final class Scenarios {
  private Scenarios() {}

  static Scenario load(String nameOrFile) {
    try {
      return Scenario.load(nameOrFile);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CliExit(ExitCode.INVALID_INPUT, "scenario " + nameOrFile + ": " + e.getMessage()
          + "\nbuilt-in scenarios: " + String.join(", ", Scenario.builtInNames()));
    }
  }
}
