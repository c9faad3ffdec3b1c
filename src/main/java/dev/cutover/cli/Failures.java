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
    boolean json = JsonExit.requested(command);
    if (e instanceof CliExit x) {
      if (json) {
        command.getOut().println(JsonExit.line(x));
        command.getOut().flush();
      }
      if (x.getMessage() != null && !x.getMessage().isBlank() && !(json && x.code() == ExitCode.COMPLETED)) {
        (x.code() == ExitCode.COMPLETED ? command.getOut() : command.getErr()).println(Terminal.safeLines(
            x.getMessage()));
      }
      return x.code().code();
    }
    if (e instanceof AwsCallException aws) {
      return report(command, json, ExitCode.PREFLIGHT_FAILED, "error: " + aws.getMessage() + "\nnothing was"
          + " changed by this command unless it printed a change id above");
    }
    int exit = report(command, json, ExitCode.INTERNAL_ERROR,
        "error: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
    if (debug.getAsBoolean()) {
      e.printStackTrace(command.getErr());
    } else {
      command.getErr().println("(an internal error; rerun with --debug for details)");
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

  private static int report(CommandLine command, boolean json, ExitCode code, String message) {
    if (json) {
      command.getOut().println(JsonExit.line(code, message));
      command.getOut().flush();
    }
    command.getErr().println(Terminal.safeLines(message));
    return code.code();
  }
}
