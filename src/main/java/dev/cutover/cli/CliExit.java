package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.plan.PlanProblem;
import dev.cutover.plan.PlanProblems;
import java.util.List;

/**
 * Ends a command with an exit code and a message for the user (never a stack trace); for an invalid plan, also
 * its problems, so that {@code --json} can print them as data.
 */
public final class CliExit extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final ExitCode code;
  private final transient List<PlanProblem> problems;
  private final String source;

  public CliExit(ExitCode code, String message) {
    this(code, message, List.of(), null);
  }

  private CliExit(ExitCode code, String message, List<PlanProblem> problems, String source) {
    super(message, null, false, false);
    this.code = code;
    this.problems = List.copyOf(problems);
    this.source = source;
  }

  /** Exit 2 for a plan file with errors: one line per problem (escaped for the terminal). */
  public static CliExit invalidPlan(List<PlanProblem> problems, String source) {
    return new CliExit(ExitCode.INVALID_INPUT, String.join("\n", Terminal.lines(PlanProblems.render(problems,
        source))), problems, source);
  }

  public ExitCode code() {
    return code;
  }

  /** The plan's problems when this is an invalid plan, else empty. */
  public List<PlanProblem> problems() {
    return problems;
  }

  /** The plan file, when this is an invalid plan; else null. */
  public String source() {
    return source;
  }
}
