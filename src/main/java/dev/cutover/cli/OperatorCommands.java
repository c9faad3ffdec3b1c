package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Plan;
import dev.cutover.engine.OperatorSend;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** pause, resume, promote, abort: instructions to a running {@code cutover run} of the same plan. */
final class OperatorCommands {
  private OperatorCommands() {}

  abstract static class Send implements Callable<Integer> {
    @Mixin PlanInput plan;
    @ParentCommand CutoverCli root;

    abstract OperatorCommand.Kind kind();

    @Override
    public Integer call() {
      ServerClient server = root.server();
      if (server != null) {
        return ServerCommands.command(server, plan.name(root.env().err()), kind().name().toLowerCase(),
            root.env().out());
      }
      Environment env = root.env();
      Plan p = plan.load(env.err(), false);
      var command = new OperatorCommand(kind(), env.actor(), env.scheduler().clock().instant());
      if (Await.result(OperatorSend.send(env.store(p.name()), command)) == OperatorSend.Outcome.NO_CONTROLLER) {
        throw new CliExit(ExitCode.INVALID_INPUT, "no controller is running plan " + p.name()
            + (kind() == OperatorCommand.Kind.ABORT ? "; to put traffic back on Heroku without one, run"
                + " `cutover rollback " + Terminal.safe(plan.file.toString()) + "`" : "; start one with `cutover run "
                + Terminal.safe(plan.file.toString()) + "`"));
      }
      env.out().println(kind().name().toLowerCase() + " sent to the controller running " + p.name()
          + "; it acts within a second (see its output or `cutover history " + Terminal.safe(plan.file.toString())
          + "`)");
      return 0;
    }
  }

  @Command(name = "pause", description = "Hold the running cutover's bake clock (gates stay watched).")
  static final class Pause extends Send {
    @Override
    OperatorCommand.Kind kind() {
      return OperatorCommand.Kind.PAUSE;
    }
  }

  @Command(name = "resume", description = "Continue after a pause, or approve the step waiting for approval.")
  static final class Resume extends Send {
    @Override
    OperatorCommand.Kind kind() {
      return OperatorCommand.Kind.RESUME;
    }
  }

  @Command(name = "promote", description = "Skip the rest of the current bake at the next healthy poll"
      + " (never the DNS settle time).")
  static final class Promote extends Send {
    @Override
    OperatorCommand.Kind kind() {
      return OperatorCommand.Kind.PROMOTE;
    }
  }

  @Command(name = "abort", description = "Make the running controller revert to 100%% Heroku and stop (exit 5).")
  static final class Abort extends Send {
    @Override
    OperatorCommand.Kind kind() {
      return OperatorCommand.Kind.ABORT;
    }
  }
}
