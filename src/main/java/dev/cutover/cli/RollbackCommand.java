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
import dev.cutover.port.DnsWeights;
import dev.cutover.port.PlanStore;
import java.io.PrintStream;
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
    Environment env = root.env();
    PrintStream out = env.out();
    Plan p = plan.load(env.err(), false);
    String by = env.actor();
    DnsWeights dns = env.dns(p);
    PlanStore store = env.store(p.name());
    boolean running = Await.result(store.controllerRunning());
    if (running) {
      Await.result(store.send(new OperatorCommand(OperatorCommand.Kind.ABORT, by, now(env))));
      out.println("a controller is running " + p.name() + ": told it to abort (it will end with exit 5)");
    }
    List<PairState> world = Await.result(dns.read(p.zone(), p.records()));
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
    if (batch.isEmpty()) {
      out.println("every pair is already at 100% Heroku: nothing to change");
      return ExitCode.COMPLETED.code();
    }
    Instant started = now(env);
    String id = Await.result(dns.apply(batch.get()));
    out.println("change " + id + " submitted: every pair to 100% Heroku by UPSERT");
    batch.get().changes().forEach(c -> out.println("  " + c));
    out.flush();
    if (!running) {
      journal(env, store, p, by, id, batch.get());
    }
    if (noWait) {
      out.println("not waiting for INSYNC; check with: aws route53 get-change --id " + id);
      return ExitCode.COMPLETED.code();
    }
    Await.result(dns.awaitInSync(id, p.faults().inSyncTimeout()));
    out.println("INSYNC after " + ConsoleNotifier.human(Duration.between(started, now(env)))
        + ": Route 53 serves 100% Heroku. Resolvers follow within the record TTL.");
    out.println("confirm: aws route53 list-resource-record-sets --hosted-zone-id " + p.zone()
        + " --query \"ResourceRecordSets[?SetIdentifier].[Name,SetIdentifier,Weight]\" --output table");
    return ExitCode.COMPLETED.code();
  }

  /** Records the rollback in the plan's journal (briefly taking the lease; skipped if a run just started). */
  private static void journal(Environment env, PlanStore store, Plan p, String by, String id, ChangeBatch b) {
    try {
      PlanStore.Lease lease = Await.result(store.acquire("rollback", false));
      try {
        List<CutoverEvent> events = Await.result(store.journal().readAll());
        boolean unfinished = !Recovery.unfinished(events).isEmpty();
        Instant t = now(env);
        List<CutoverEvent> add = new ArrayList<>(List.of(
            new CutoverEvent.RevertIntent(t, RevertCause.OPERATOR, "operator " + by, "cutover rollback command"),
            new CutoverEvent.ChangeSubmitted(t, id, Split.ALL_HEROKU, "rollback",
                b.changes().stream().map(ChangeBatch.Change::toString).toList())));
        if (unfinished) {
          add.add(new CutoverEvent.Finished(t, Phase.ABORTED, ExitCode.OPERATOR_STOPPED.code(),
              "rolled back to 100% Heroku by " + by + " with `cutover rollback`"));
        }
        for (CutoverEvent e : add) {
          Await.result(store.journal().append(e));
        }
      } finally {
        Await.result(lease.release());
      }
    } catch (RuntimeException e) {
      env.err().println("note: the rollback is applied but could not be journalled: " + e.getMessage());
    }
  }

  private static Instant now(Environment env) {
    return env.scheduler().clock().instant();
  }
}
