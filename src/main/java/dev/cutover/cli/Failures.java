package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.port.AwsCallException;
import java.io.PrintWriter;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * How a command that does not end normally ends: one exit code, a message that says what is wrong and what to
 * do (escaped for the terminal), a stack trace only with {@code --debug}, and with {@code --json} a last
 * {@link JsonExit} line on stdout so that every line there stays a JSON object.
 */
final class Failures implements CommandLine.IExecutionExceptionHandler, CommandLine.IParameterExceptionHandler {
  private final BooleanSupplier debug;

  Failures(BooleanSupplier debug) {
    this.debug = debug;
  }

  @Override
  public int handleExecutionException(Exception e, CommandLine command, CommandLine.ParseResult parsed) {
    return report(e, command.getOut(), command.getErr(), debug.getAsBoolean(), JsonExit.requested(command));
  }

  /** Ends a command that threw (also outside picocli: {@link FastRollback}); returns the exit code. */
  static int report(Exception e, PrintWriter out, PrintWriter err, boolean debug) {
    return report(e, out, err, debug, false);
  }

  private static int report(Exception e, PrintWriter out, PrintWriter err, boolean debug, boolean json) {
    if (e instanceof CliExit x) {
      if (json) {
        out.println(JsonExit.line(x));
        out.flush();
      }
      if (x.getMessage() != null && !x.getMessage().isBlank() && !(json && x.code() == ExitCode.COMPLETED)) {
        (x.code() == ExitCode.COMPLETED ? out : err).println(Terminal.safeLines(x.getMessage()));
      }
      return x.code().code();
    }
    if (e instanceof AwsCallException aws) {
      return report(out, err, json, ExitCode.PREFLIGHT_FAILED, "error: " + aws.getMessage() + "\nnothing was"
          + " changed by this command unless it printed a change id above");
    }
    int exit = report(out, err, json, ExitCode.INTERNAL_ERROR,
        "error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    if (debug) {
      e.printStackTrace(err);
    } else {
      err.println("(an internal error; rerun with --debug for details)");
    }
    return exit;
  }

  /** What is wrong, the command's synopsis and where to read more: not the whole help page. */
  @Override
  public int handleParseException(CommandLine.ParameterException e, String[] args) {
    CommandLine command = e.getCommandLine();
    if (JsonExit.requested(command, args)) {
      command.getOut().println(JsonExit.line(ExitCode.INVALID_INPUT, e.getMessage()));
      command.getOut().flush();
    }
    PrintWriter err = command.getErr();
    err.println(Terminal.safe(e.getMessage()));
    CommandLine.UnmatchedArgumentException.printSuggestions(e, err);
    err.print(command.getHelp().fullSynopsis());
    err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
    err.flush();
    return ExitCode.INVALID_INPUT.code();
  }

  private static int report(PrintWriter out, PrintWriter err, boolean json, ExitCode code, String message) {
    if (json) {
      out.println(JsonExit.line(code, message));
      out.flush();
    }
    err.println(Terminal.safeLines(message));
    return code.code();
  }
}
