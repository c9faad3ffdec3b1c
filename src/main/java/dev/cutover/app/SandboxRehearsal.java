package dev.cutover.app;

import dev.cutover.cli.ConsoleNotifier;
import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.Terminal;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Plan;
import dev.cutover.engine.Controller;
import dev.cutover.engine.Supervisor;
import dev.cutover.engine.EventJson;
import dev.cutover.sandbox.FaultEvent;
import dev.cutover.sandbox.SandboxServer;
import dev.cutover.sandbox.SandboxSession;
import dev.cutover.sandbox.Scenario;
import dev.cutover.sandbox.traffic.TrafficConfig;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Runs a plan with the production engine and AWS adapters against a sandbox session (Route 53 and CloudWatch on
 * their wire protocols, simulated traffic, a fault scenario) in compressed time: {@code cutover demo} and
 * {@code cutover rehearse}. Prints progress with simulated offsets and reports what happened and when.
 */
final class SandboxRehearsal {
  private static final Duration TRAFFIC_EVERY = Duration.ofMinutes(1);

  /** What happened: the controller's result, the time it took, and fault-to-revert figures. */
  record Outcome(Controller.Result result, Duration wall, Duration simulated, Optional<FaultEvent> fault,
      Optional<Instant> revertApplied, Instant origin) {

    Optional<Duration> faultToRevert() {
      return fault.flatMap(f -> revertApplied.map(r -> Duration.between(f.simulatedTime(), r)));
    }
  }

  private SandboxRehearsal() {}

  static Outcome run(Plan plan, String planFile, Scenario scenario, double speed, Path stateDir, boolean json,
      String by, PrintStream out, PrintStream err) throws Exception {
    Vertx vertx = Vertx.vertx();
    try {
      VertxScheduler scheduler = VertxScheduler.scaled(vertx, speed);
      Instant origin = scheduler.clock().instant();
      long wallStart = System.nanoTime();
      RehearsalDrain drain = await(RehearsalDrain.start(vertx, scheduler, plan));
      SandboxSession session = await(SandboxSession.start(vertx, scheduler, plan, scenario,
          SandboxServer.Options.defaults(), TrafficConfig.defaults().withDrain(drain.url())));
      List<CutoverEvent> events = new CopyOnWriteArrayList<>();
      if (!json) {
        out.printf("sandbox: Route 53 + CloudWatch on %s, simulated Heroku and AWS traffic; time runs %.0f×"
            + " (times below are simulated offsets)%n", session.endpoint(), speed);
        out.println("scenario " + Terminal.safe(scenario.name()) + ": " + Terminal.safe(scenario.description()));
        out.println("plan " + plan.name() + ": zone " + plan.zone() + ", " + plan.records().size()
            + " record pair(s), gates " + Terminal.list(plan.gates().alarms()));
      }
      session.scenario().onEvent(f -> {
        if (json) {
          out.println("{\"type\":\"sandbox-fault\",\"at\":\"" + f.simulatedTime() + "\",\"fault\":\"" + f.kind()
              + "\",\"description\":" + EventJson.mapper().valueToTree(f.description()) + "}");
        } else {
          out.println(ConsoleNotifier.offset(Duration.between(origin, f.simulatedTime())) + "  sandbox fault "
              + f.kind().name().toLowerCase() + ": " + Terminal.safe(f.description()));
        }
      });
      long progress = json ? -1 : scheduler.periodic(TRAFFIC_EVERY, () -> out.println(ConsoleNotifier.offset(
          Duration.between(origin, scheduler.clock().instant())) + "  traffic: "
          + session.traffic().snapshot().line()));
      CutoverCli.Options options = new CutoverCli.Options(stateDir, session.endpoint(), session.endpoint(), by,
          false, "local", speed);
      ConsoleNotifier console = new ConsoleNotifier(out, json, plan, planFile, origin);
      try (AppEnvironment env = new AppEnvironment(options, out, err, vertx, scheduler).withSandboxCredentials()
          .withHerokuTraffic(drain.traffic())) {
        drain.publish(env);
        Supervisor supervisor = new Supervisor(vertx, scheduler, env.wiring());
        supervisor.listen((name, e) -> {
          events.add(e);
          console.publish(e);
          if (e instanceof CutoverEvent.ApprovalRequested) {
            // a rehearsal has nobody to ask: approve at once, journalled as such (a real run waits for resume)
            supervisor.command(name, new OperatorCommand(OperatorCommand.Kind.RESUME, "rehearsal (auto-approved)",
                e.at()));
          }
        });
        Controller.Result result = await(supervisor.submit(plan, new Supervisor.Start(by, false, true)).result());
        if (progress != -1) {
          scheduler.cancel(progress);
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - wallStart);
        Duration simulated = Duration.between(origin, scheduler.clock().instant());
        Optional<Instant> reverted = events.stream()
            .filter(e -> e instanceof CutoverEvent.ChangeInSync c && c.split().percent() == 0)
            .map(CutoverEvent::at).findFirst();
        Outcome outcome = new Outcome(result, wall, simulated, session.scenario().firstFaultStart(), reverted,
            origin);
        if (!json) {
          if (result.state() == null) {
            out.println(Terminal.safeLines(result.message()));
          }
          out.println("traffic at the end: " + session.traffic().snapshot().line());
          out.println(drain.line(origin, scheduler.clock().instant()));
        }
        await(drain.close());
        await(session.close());
        return outcome;
      }
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** The closing lines: outcome, timing, fault-to-revert. */
  static void report(Outcome o, double speed, PrintStream out, boolean json) {
    if (json) {
      var n = EventJson.mapper().createObjectNode().put("type", "rehearsal-summary")
          .put("exitCode", o.result().exit().code()).put("outcome", o.result().exit().name())
          .put("wallSeconds", o.wall().toMillis() / 1000.0).put("simulatedSeconds", o.simulated().toSeconds())
          .put("speed", speed);
      o.fault().ifPresent(f -> n.put("faultStartedSeconds", Duration.between(o.origin(), f.simulatedTime())
          .toSeconds()));
      o.faultToRevert().ifPresent(d -> n.put("faultToRevertAppliedSeconds", d.toSeconds()));
      out.println(n.toString());
      return;
    }
    out.println();
    out.printf("result: %s (exit %d) — %s%n", o.result().exit().name(), o.result().exit().code(),
        o.result().exit().meaning());
    out.printf("took %.1f s of wall time for %s of simulated time (%.0f×)%n", o.wall().toMillis() / 1000.0,
        ConsoleNotifier.offset(o.simulated()).substring(1), speed);
    o.fault().ifPresent(f -> out.println("fault started at " + ConsoleNotifier.offset(Duration.between(o.origin(),
        f.simulatedTime())) + " (" + Terminal.safe(f.description()) + ")" + o.faultToRevert()
            .map(d -> "; revert applied " + ConsoleNotifier.offset(d).substring(1) + " later (INSYNC, simulated)")
            .orElse("; no revert")));
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.MINUTES);
  }
}
