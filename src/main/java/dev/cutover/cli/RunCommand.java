package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Plan;
import dev.cutover.engine.Controller;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code cutover run PLAN}: preflight, then the stepped cutover; resumes an unfinished one. */
@Command(name = "run", description = "Run the cutover (or resume an unfinished one) until it completes, reverts"
    + " or stops; the exit code says which.")
final class RunCommand implements Callable<Integer> {
  @Mixin PlanInput plan;
  @ParentCommand CutoverCli root;
  @Option(names = "--json", description = "print one JSON event per line on stdout (logs go to stderr)")
  boolean json;
  @Option(names = "--force-takeover", description = "take the plan's lease from another run (emergencies;"
      + " journalled)")
  boolean forceTakeover;
  @Option(names = "--new", description = "start a new cutover even though the last one ended reverted, aborted"
      + " or in conflict (without it, run reports that ending: a retried pipeline never restarts a stopped"
      + " cutover)")
  boolean startNew;

  @Override
  public Integer call() {
    Environment env = root.env();
    Plan p = plan.load(env.err(), json);
    Controller controller = new Controller(env.vertx(), p, env.dns(p), env.signals(p), env.store(p.name()),
        new ConsoleNotifier(env.out(), json, p, plan.file.toString()), env.scheduler());
    Thread interrupted = new Thread(() -> env.err().println("\ninterrupted: traffic stays where the journal says"
        + " (`cutover status " + plan.file + "`); `cutover run " + plan.file + "` resumes with a fresh bake of the"
        + " current step, `cutover rollback " + plan.file + "` puts 100% on Heroku"));
    Runtime.getRuntime().addShutdownHook(interrupted);
    Controller.Result result;
    try {
      result = Await.result(controller.run(env.actor(), forceTakeover, startNew));
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(interrupted);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting: the hook runs
      }
    }
    if (result.state() == null) {
      // preflight, lease, resume, an ended or already completed cutover: no finished event explains these
      boolean completed = result.exit() == ExitCode.COMPLETED;
      if (json) {
        env.out().println(JsonExit.line(result.exit(), result.message()));
        env.out().flush();
      }
      if (!(json && completed)) {
        (completed ? env.out() : env.err()).println(Terminal.safeLines(result.message()));
      }
    }
    return result.exit().code();
  }
}
