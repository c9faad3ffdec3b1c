package dev.cutover.cli;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RevertCause;
import dev.cutover.domain.Split;
import dev.cutover.engine.Recovery;
import dev.cutover.port.BlockingDnsWeights;
import dev.cutover.port.PlanStore;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code cutover rollback PLAN}: UPSERT 100% Heroku for every pair of the plan, now. Needs no running
 * controller; if one is running it is also told to abort, so it ends as stopped by an operator.
 */
@Command(name = "rollback", description = "Put 100%% of traffic back on Heroku for every record of the plan, by"
    + " UPSERT, whether or not a controller is running.")
final class RollbackCommand implements Callable<Integer> {
  @Mixin PlanInput plan;
  @ParentCommand CutoverCli root;
  @Option(names = "--no-wait", description = "do not wait for Route 53 to report INSYNC") boolean noWait;

  @Override
  public Integer call() {
    return rollback(root.env(), plan.file, noWait);
  }

  /** The whole command, also run without picocli by {@link FastRollback}. */
  static int rollback(Environment env, Path planFile, boolean noWait) {
    PrintStream out = env.out();
    Plan p = PlanInput.load(planFile, env.err(), false);
    String by = env.actor();
    BlockingDnsWeights dns = env.blockingDns(p);
    // Route 53 first: nothing (no state store, no lease, no CloudWatch) may stand between a responder and the revert
    List<PairState> world = dns.read(p.zone(), p.records());
    List<PairState> complete = new ArrayList<>();
    for (PairState ps : world) {
      if (ps.complete()) {
        complete.add(ps);
      } else {
        env.err().println("warning: " + ps.pair().label() + " cannot be rolled back by weight: " + ps.weights());
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
      batch.get().changes().forEach(c -> out.println("  " + c));
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
      PlanStore store = env.store(p.name());
      boolean running = Await.result(store.controllerRunning());
      Instant t = now(env);
      List<CutoverEvent> add = new ArrayList<>();
      add.add(new CutoverEvent.RevertIntent(t, RevertCause.OPERATOR, "operator " + by, "cutover rollback command"));
      if (id != null) {
        add.add(new CutoverEvent.ChangeSubmitted(t, id, Split.ALL_HEROKU, "rollback",
            b.changes().stream().map(ChangeBatch.Change::toString).toList()));
      }
      if (!running && !Recovery.unfinished(Await.result(store.journal().readAll())).isEmpty()) {
        add.add(new CutoverEvent.Finished(t, Phase.ABORTED, ExitCode.OPERATOR_STOPPED.code(),
            "rolled back to 100% Heroku by " + by + " with `cutover rollback`"));
      }
      for (CutoverEvent e : add) {
        Await.result(store.journal().append(e));
      }
      if (running) {
        Await.result(store.send(new OperatorCommand(OperatorCommand.Kind.ABORT, by, t)));
        env.out().println("a controller is running " + p.name() + ": told it to abort (it will end with exit 5)");
      }
    } catch (RuntimeException e) {
      env.err().println("note: the rollback is applied, but the plan's state store could not record it ("
          + e.getMessage() + "); a controller restarted later will see every pair on Heroku and stop");
    }
  }

  private static Instant now(Environment env) {
    return env.clock().instant();
  }
}
