package dev.cutover.cli;

import dev.cutover.domain.Plan;
import dev.cutover.plan.PlanLoad;
import dev.cutover.plan.PlanLoader;
import dev.cutover.plan.PlanProblems;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The PLAN argument every plan command takes; loading it prints every problem and ends with exit 2. */
public final class PlanInput {
  @Parameters(index = "0", paramLabel = "PLAN", description = "the plan file (YAML), e.g. config/example.yaml;"
      + " with --server, the plan's name will do")
  Path file;

  private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z0-9-]{1,64}");

  /**
   * The plan's name for a server: read from the plan file when one exists at PLAN, else PLAN itself when it is a
   * plan name (the server knows the plan).
   */
  String name(PrintStream err) {
    if (java.nio.file.Files.exists(file)) {
      return load(file, null).name();
    }
    String raw = file.toString();
    if (NAME.matcher(raw).matches()) {
      return raw;
    }
    throw new CliExit(dev.cutover.domain.ExitCode.INVALID_INPUT, "PLAN '" + Terminal.safe(raw) + "' is neither a"
        + " plan file nor a plan name (1 to 64 lowercase letters, digits and hyphens)");
  }

  /** @param json whether output is JSON: warnings are then left out of stderr */
  Plan load(PrintStream err, boolean json) {
    return load(file, json ? null : err);
  }

  /**
   * The plan in {@code file}, or exit 2 with every problem (as data too, for {@code --json}); warnings go to
   * {@code warnings} unless it is null.
   */
  public static Plan load(Path file, PrintStream warnings) {
    PlanLoad load = new PlanLoader().load(file);
    if (load.hasErrors()) {
      throw CliExit.invalidPlan(load.problems(), file.toString());
    }
    if (warnings != null) {
      Terminal.lines(PlanProblems.render(load.warnings(), file.toString())).forEach(warnings::println);
    }
    return load.plan().orElseThrow();
  }
}
