package dev.cutover.cli;

import dev.cutover.domain.ExitCode;

/** Ends a command with an exit code and a message for the user (never a stack trace). */
public final class CliExit extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ExitCode code;

  public CliExit(ExitCode code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public ExitCode code() {
    return code;
  }
}
