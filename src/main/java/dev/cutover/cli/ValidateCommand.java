package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.plan.PlanLoad;
import dev.cutover.plan.PlanLoader;
import dev.cutover.plan.PlanProblems;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cutover validate PLAN}: every problem with its field path and a fix; exit 2 when any is an error. */
@Command(name = "validate", description = "Check a plan file and report every problem with its path and a fix.")
final class ValidateCommand implements Callable<Integer> {
  @Mixin PlanInput plan;
  @Option(names = "--json", description = "print problems as JSON") boolean json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PlanLoad load = new PlanLoader().load(plan.file);
    var out = spec.commandLine().getOut();
    if (json) {
      out.println(PlanProblems.renderJson(load.problems(), plan.file.toString()));
    } else {
      Terminal.lines(PlanProblems.render(load.problems(), plan.file.toString())).forEach(out::println);
      out.println(load.hasErrors() ? PlanProblems.summary(load.problems())
          : Terminal.safe(plan.file.toString()) + ": valid"
              + (load.warnings().isEmpty() ? "" : " (" + load.warnings().size() + " warning(s))"));
    }
    out.flush();
    return load.hasErrors() ? ExitCode.INVALID_INPUT.code() : ExitCode.COMPLETED.code();
  }
}
