package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Plan;
import dev.cutover.plan.PlanLoad;
import dev.cutover.plan.PlanLoader;
import dev.cutover.plan.PlanProblems;
import java.io.PrintStream;
import java.nio.file.Path;
import picocli.CommandLine.Parameters;

/** The PLAN argument every plan command takes; loading it prints every problem and ends with exit 2. */
public final class PlanInput {
  @Parameters(index = "0", paramLabel = "PLAN", description = "the plan file (YAML), e.g. config/example.yaml")
  Path file;

  Plan load(PrintStream err, boolean json) {
    return load(file, err, json);
  }

  static Plan load(Path file, PrintStream err, boolean json) {
    PlanLoad load = new PlanLoader().load(file);
    if (load.hasErrors()) {
      String text = json ? PlanProblems.renderJson(load.problems(), file.toString())
          : String.join("\n", PlanProblems.render(load.problems(), file.toString()));
      throw new CliExit(ExitCode.INVALID_INPUT, text);
    }
    if (!json) {
      PlanProblems.render(load.warnings(), file.toString()).forEach(err::println);
    }
    return load.plan().orElseThrow();
  }
}
