package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.port.AwsCallException;
import java.io.PrintWriter;

/** How a command that threw ends: its exit code, and a message saying what to do, never a stack trace unless --debug. */
final class Failures {
  private Failures() {}

  static int report(Exception e, PrintWriter out, PrintWriter err, boolean debug) {
    if (e instanceof CliExit x) {
      if (x.getMessage() != null && !x.getMessage().isBlank()) {
        (x.code() == ExitCode.COMPLETED ? out : err).println(x.getMessage());
      }
      return x.code().code();
    }
    if (e instanceof AwsCallException aws) {
      err.println("error: " + aws.getMessage() + "\nnothing was changed by this command"
          + " unless it printed a change id above");
      return ExitCode.PREFLIGHT_FAILED.code();
    }
    err.println("error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    if (debug) {
      e.printStackTrace(err);
    } else {
      err.println("(an internal error; rerun with --debug for details)");
    }
    return ExitCode.INTERNAL_ERROR.code();
  }
}
