package dev.cutover.cli;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Plan;
import dev.cutover.engine.OperatorSend;
import dev.cutover.engine.Rollbacks;
import dev.cutover.port.BlockingDnsWeights;
import dev.cutover.port.BlockingPlanStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cutover rollback PLAN}: UPSERT 100% Heroku for every pair of the plan, now. Needs no running
 * controller; if one is running it is also told to abort, so it ends as stopped by an operator.
 */
@Command(name = "rollback", description = "Put 100%% of traffic back on Heroku for every record of the plan, by"
    + " UPSERT, whether or not a controller is running.")
final class RollbackCommand implements Callable<Integer> {
  @Parameters(index = "0", arity = "0..1", paramLabel = "PLAN", description = "the plan file (YAML); with"
      + " --server, the plan's name will do")
  Path planFile;
  @ParentCommand CutoverCli root;
  @Option(names = "--no-wait", description = "do not wait for Route 53 to report INSYNC") boolean noWait;
  @Option(names = "--all", description = "every cutover the server (--server or $CUTOVER_SERVER) knows: one"
      + " UPSERT batch per zone") boolean all;
  @Option(names = "--label", paramLabel = "KEY=VALUE", description = "with a server: every cutover whose plan has"
      + " these labels (repeatable)") java.util.Map<String, String> labels;

  @Override
  public Integer call() {
    boolean fleet = all || labels != null && !labels.isEmpty();
    if (fleet) {
      if (planFile != null) {
        throw new CliExit(ExitCode.INVALID_INPUT, "give either PLAN or --all / --label, not both");
      }
      ServerClient server = root.server();
      if (server == null) {
        throw new CliExit(ExitCode.INVALID_INPUT, "--all and --label roll back what a server runs: give --server URL"
            + " (or set CUTOVER_SERVER); without a server, roll back each plan: cutover rollback PLAN");
      }
      return ServerCommands.fleetRollback(server, all, labels, root.env().out());
    }
    if (planFile == null) {
      throw new CliExit(ExitCode.INVALID_INPUT, "which plan? give PLAN (the plan file), or --all / --label with"
          + " --server");
    }
    if (root.server != null) {
      // only an explicit --server: the escape hatch never depends on a server that $CUTOVER_SERVER names
      PlanInput named = new PlanInput();
      named.file = planFile;
      return ServerCommands.rollback(root.server(), named.name(root.env().err()), root.env().out());
    }
    return rollback(root.env(), planFile, noWait);
  }

  /** The whole command, also run without picocli by {@link FastRollback}. */
  static int rollback(Environment env, Path planFile, boolean noWait) {
    PrintStream out = env.out();
    Plan p = PlanInput.load(planFile, env.err());
    String by = env.actor();
    BlockingDnsWeights dns = env.blockingDns(p);
    // Route 53 first: nothing (no state store, no lease, no CloudWatch) may stand between a responder and the revert
    List<PairState> world = dns.read(p.zone(), p.records());
    List<PairState> complete = new ArrayList<>();
    for (PairState ps : world) {
      if (ps.complete()) {
        complete.add(ps);
      } else {
        env.err().println("warning: " + Terminal.safe(ps.pair().label() + " cannot be rolled back by weight: "
            + ps.weights()));
      }
    }
    if (complete.isEmpty()) {
      throw new CliExit(ExitCode.PREFLIGHT_FAILED, "no record pair of " + p.name() + " has both weighted records"
          + " in zone " + p.zone() + ": nothing can be rolled back by weight; check `zone:` and `records:`"
          + " (and `cutover status`)");
    }
    Optional<ChangeBatch> batch = ChangeBatches.revert(p.zone(), complete, "cutover rollback by " + by);
    Instant started = now(env);
    String id = batch.isEmpty() ? null : dns.apply(batch.get());
    if (id == null) {
      out.println("every pair is already at 100% Heroku: nothing to change");
    } else {
      out.println("change " + id + " submitted: every pair to 100% Heroku by UPSERT");
      batch.get().changes().forEach(c -> out.println("  " + Terminal.safe(c.toString())));
    }
    out.flush();
    recordAndStopController(env, p, by, id, batch.orElse(null));
    if (id == null) {
      return ExitCode.COMPLETED.code();
    }
    if (noWait) {
      out.println("not waiting for INSYNC; check with: aws route53 get-change --id " + id);
      return ExitCode.COMPLETED.code();
    }
    dns.awaitInSync(id, p.faults().inSyncTimeout());
    out.println("INSYNC after " + ConsoleNotifier.human(Duration.between(started, now(env)))
        + ": Route 53 serves 100% Heroku. Resolvers follow within the record TTL.");
    out.println("confirm: aws route53 list-resource-record-sets --hosted-zone-id " + p.zone()
        + " --query \"ResourceRecordSets[?SetIdentifier].[Name,SetIdentifier,Weight]\" --output table");
    return ExitCode.COMPLETED.code();
  }

  /**
   * After the revert: journal it (always, so a controller restarted later sees an operator's revert and never
   * shifts again) and tell a running controller to abort. A state store that cannot be reached is a note, never
   * a failure: the revert is already applied.
   */
  private static void recordAndStopController(Environment env, Plan p, String by, String id, ChangeBatch b) {
    try {
      BlockingPlanStore local = env.blockingStore(p.name());
      Rollbacks.Recorded r = local != null
          ? Rollbacks.record(local, by, now(env), id, b, OperatorSend.ROLLBACK_REASON)
          : Await.result(Rollbacks.record(env.store(p.name()), by, now(env), id, b, OperatorSend.ROLLBACK_REASON));
      if (r.controllerTold()) {
        env.out().println("a controller is running " + p.name() + ": told it to abort (it will end with exit 5)");
      }
    } catch (RuntimeException | java.io.IOException e) {
      env.err().println("note: the rollback is applied, but the plan's state store could not record it ("
          + Terminal.safeLines(e.getMessage()) + "); a controller restarted later will see every pair on Heroku"
          + " and stop");
    }
  }

  private static Instant now(Environment env) {
    return env.clock().instant();
  }
}
