package dev.cutover.cli;

import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Plan;
import dev.cutover.engine.Controller;
import dev.cutover.engine.Supervisor;
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
  @Mixin NotifyOptions notify;

  @Option(names = "--until", paramLabel = "baked|soaked", defaultValue = "soaked",
      description = "with a plan that soaks: wait until the soak has passed (soaked, exit 0), or end once every step"
          + " has baked (baked, exit 8) and leave the soak to a later run or a server (default: ${DEFAULT-VALUE})")
  String until;
  @Mixin DrainOptions drains;
  @Option(names = "--drain-port", paramLabel = "PORT", description = "with --drain: receive the Heroku drains on"
      + " this port (0 picks one), at /drains/heroku/APP; put HTTPS in front of it (docs/heroku-drain.md)")
  Integer drainPort;
  @Option(names = "--drain-bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1", description = "the address"
      + " the drain port listens on (default: ${DEFAULT-VALUE}; a reverse proxy with TLS forwards Heroku to it)")
  String drainBind;

  @Override
  public Integer call() {
    if (!until.equals("baked") && !until.equals("soaked")) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--until must be baked or soaked, got '" + Terminal.safe(until) + "'");
    }
    Environment env = root.env();
    Plan p = plan.load(env.err(), json);
    if (drains.any() != (drainPort != null)) {
      throw new CliExit(ExitCode.INVALID_INPUT, drains.any()
          ? "--drain needs --drain-port: the port where Heroku delivers the drain (behind your HTTPS proxy)"
          : "--drain-port needs at least one --drain APP=ENV_VAR: the Heroku app whose drain arrives there");
    }
    if (drainPort != null && (drainPort < 0 || drainPort > 65535)) {
      throw new CliExit(ExitCode.INVALID_INPUT, "--drain-port must be 0..65535, got " + drainPort);
    }
    AutoCloseable received = drainPort == null ? null : env.receiveDrains(drains, drainBind, drainPort);
    try {
      return run(env, p);
    } finally {
      if (received != null) {
        try {
          received.close();
        } catch (Exception e) {
          env.err().println("the drain port did not close cleanly: " + Terminal.safe(String.valueOf(e.getMessage())));
        }
      }
    }
  }

  private int run(Environment env, Plan p) {
    // `cutover run` is the supervisor of `cutover serve` with one cutover: one code path
    Supervisor supervisor = new Supervisor(env.vertx(), env.scheduler(), env.wiring());
    ConsoleNotifier console = new ConsoleNotifier(env.out(), json, p, plan.file.toString());
    supervisor.listen((name, event) -> console.publish(event));
    dev.cutover.port.Notifications notifications = notify.open(env, p, json ? null : env.err());
    supervisor.listen((name, event) -> notifications.publish(p, event));
    Controller.Result result;
    try (Interrupts interrupts = Interrupts.install(signal -> interrupted(signal, env.out()), env.err())) {
      result = Await.result(supervisor.submit(p, new Supervisor.Start(env.actor(), forceTakeover, startNew, false,
          until.equals("baked"))).result());
    } finally {
      NotifyOptions.close(notifications); // the cutover has ended: what is queued goes out, bounded
    }
    if (result.state() == null || result.exit() == ExitCode.BAKED_SOAKING) {
      // preflight, lease, resume, an ended or already completed cutover: no finished event explains these
      boolean completed = result.exit() == ExitCode.COMPLETED || result.exit() == ExitCode.BAKED_SOAKING;
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

  /** What a signal leaves behind and what to do; with --json also an exit line on stdout. */
  private String interrupted(int signal, java.io.PrintStream out) {
    String file = Terminal.safe(plan.file.toString());
    String text = "interrupted by " + Interrupts.name(signal) + ": traffic stays where the journal says (`cutover"
        + " status " + file + "`); `cutover run " + file + "` resumes with a fresh bake of the current step,"
        + " `cutover rollback " + file + "` puts 100% on Heroku";
    if (json && signal != Interrupts.UNKNOWN) {
      out.println(JsonExit.line(128 + signal, text));
      out.flush();
    }
    return "\n" + text;
  }
}
