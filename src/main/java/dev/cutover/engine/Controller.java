package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.domain.Split;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.JournalDamagedException;
import dev.cutover.port.LeaseHeldException;
import dev.cutover.port.Notifier;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Scheduler;
import dev.cutover.port.Signals;
import dev.cutover.port.StoreConflictException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * {@code cutover run}: take the plan's lease, read the journal, start fresh (after preflight) or reconcile an
 * unfinished cutover with the actual weights, run it to a final phase, release the lease.
 */
public final class Controller {
  private static final Logger log = LoggerFactory.getLogger(Controller.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final Vertx vertx;
  private final Plan plan;
  private final DnsWeights dns;
  private final Signals signals;
  private final PlanStore store;
  private final Notifier notifier;
  private final Scheduler scheduler;
  private PlanStore.Lease lease;
  private volatile CutoverRun current;
  private String halted;
  private boolean untilBaked;
  private final List<dev.cutover.domain.OperatorCommand> pending = new java.util.ArrayList<>();

  /**
   * How a run ended: the exit code, a one-line message, and the final state when the run got that far.
   *
   * @param heldElsewhere the plan's lease is held by another live run: this one did nothing
   */
  public record Result(ExitCode exit, String message, CutoverState state, boolean heldElsewhere) {
    public Result(ExitCode exit, String message, CutoverState state) {
      this(exit, message, state, false);
    }
  }

  public Controller(Vertx vertx, Plan plan, DnsWeights dns, Signals signals, PlanStore store, Notifier notifier,
      Scheduler scheduler) {
    this.vertx = vertx;
    this.plan = plan;
    this.dns = dns;
    this.signals = signals;
    this.store = store;
    this.notifier = notifier;
    this.scheduler = scheduler;
  }

  public Plan plan() {
    return plan;
  }

  /** Ends the run with exit 8 once every step has baked, leaving the soak to a later run or a server. */
  public Controller untilBaked() {
    this.untilBaked = true;
    return this;
  }

  /** The run, once preflight (or recovery) let it start; after it ended it keeps its final state. */
  public java.util.Optional<CutoverRun> current() {
    return java.util.Optional.ofNullable(current);
  }

  /**
   * Delivers an operator command from this process. Before the run has started (preflight, recovery) it is kept
   * and handled before anything else once the run starts: an abort then reverts before any shift.
   */
  /**
   * Stops acting at once without moving traffic (the process is shutting down): a running cutover halts; one still
   * in preflight or recovery never starts. Its lease is released as the run ends.
   */
  public synchronized void halt(String why) {
    halted = why;
    if (current != null) {
      current.halt(why);
    }
  }

  public synchronized void command(dev.cutover.domain.OperatorCommand command) {
    if (current != null) {
      current.command(command);
    } else {
      pending.add(command);
    }
  }

  public Future<Result> run(String by, boolean forceTakeover) {
    return run(by, forceTakeover, true);
  }

  /**
   * @param startNew whether a new cutover may start when the last one ended without completing (reverted,
   *     aborted, conflict, failed safe); when false the run reports that ending instead, so that a pipeline
   *     retrying the same command never restarts a cutover someone stopped
   */
  public Future<Result> run(String by, boolean forceTakeover, boolean startNew) {
    return run(by, forceTakeover, startNew, true);
  }

  /** @param waitForExpiry whether a lease whose holder may have died is waited for (see {@link #acquire}) */
  public Future<Result> run(String by, boolean forceTakeover, boolean startNew, boolean waitForExpiry) {
    String newId = plan.name() + "-" + ID_TIME.format(scheduler.clock().instant());
    return acquire(newId, forceTakeover, waitForExpiry).compose(held -> {
      lease = held;
      Future<Result> result = (lease.takenOverFrom() == null ? Future.<Void>succeededFuture()
          : record(List.of(new CutoverEvent.LeaseTakenOver(now(), lease.takenOverFrom(), forceTakeover, by))))
          .compose(v -> store.journal().readAll())
          .compose(journal -> {
            List<CutoverEvent> unfinished = Recovery.unfinished(journal);
            if (!unfinished.isEmpty()) {
              return resume(unfinished, by);
            }
            Result ended = startNew ? null : endedWithoutCompleting(journal);
            return ended != null ? Future.succeededFuture(ended) : alreadyCompleted(journal).compose(done ->
                done != null ? Future.succeededFuture(done) : fresh(newId, by));
          }, e -> e instanceof JournalDamagedException d ? Future.succeededFuture(refuse(d)) : Future.failedFuture(e));
      return result.transform(ar -> lease.release().transform(v -> ar.succeeded()
          ? Future.succeededFuture(ar.result()) : Future.failedFuture(ar.cause())));
    }, e -> e instanceof LeaseHeldException
        ? Future.succeededFuture(new Result(ExitCode.CONFLICT, e.getMessage(), null, true))
        : Future.failedFuture(e));
  }

  /**
   * A damaged journal cannot say where the cutover stands, and nothing may be appended after the damage: refuse
   * before any change, with the damage exactly as {@code status} shows it (where, what, how to repair).
   */
  private Result refuse(JournalDamagedException damage) {
    return new Result(ExitCode.PREFLIGHT_FAILED, "cannot run plan " + plan.name() + ": " + damage.getMessage()
        + "\nnothing was changed", null);
  }

  /**
   * Takes the plan's lease. A shared store's lease held by a run that stopped renewing it (its process or machine
   * died) is waited for until it expires (at most one lease time, saying so) and then taken over, so a pipeline
   * that retries on another runner right after the first died just works. A holder that renews meanwhile is alive:
   * that stays a conflict (exit 6).
   */
  private Future<PlanStore.Lease> acquire(String id, boolean force, boolean waitForExpiry) {
    return store.acquire(id, force).recover(e -> {
      if (force || !waitForExpiry || !(e instanceof LeaseHeldException held) || held.expiresAt() == null) {
        return Future.failedFuture(e);
      }
      java.time.Duration wait = java.time.Duration.between(now(), held.expiresAt()).plus(LEASE_MARGIN);
      log.warn("plan {} is held by {}; if that run died, its lease expires at {}: waiting {} s for it, then taking"
          + " over", plan.name(), held.holder(), held.expiresAt(), Math.max(0, wait.toSeconds()));
      return delay(wait.isNegative() ? java.time.Duration.ZERO : wait).compose(v -> store.acquire(id, false))
          .recover(again -> Future.failedFuture(again instanceof LeaseHeldException live
              ? new LeaseHeldException(plan.name(), live.holder() + ", a live run (it renewed its lease while we"
                  + " waited)", true, live.expiresAt())
              : again));
    });
  }

  private static final java.time.Duration LEASE_MARGIN = java.time.Duration.ofSeconds(1);

  /**
   * Running a plan again after it completed (a pipeline retrying its go-live job) is not an error: if the last
   * cutover completed and every pair is still at its final split, report that and change nothing. Null otherwise.
   */
  private Future<Result> alreadyCompleted(List<CutoverEvent> journal) {
    if (journal.isEmpty() || !(journal.get(journal.size() - 1) instanceof CutoverEvent.Finished f)
        || f.outcome() != Phase.COMPLETED) {
      return Future.succeededFuture(null);
    }
    Split last = plan.step(plan.steps().size() - 1).split();
    return dns.read(plan.zone(), plan.records()).map(world -> world.stream().allMatch(p -> p.isExactly(last))
        ? new Result(ExitCode.COMPLETED, "plan " + plan.name() + " already completed at " + f.at()
            + " and every pair is still at " + last + " AWS: nothing to do", null)
        : null).otherwise((Result) null);
  }

  private Result endedWithoutCompleting(List<CutoverEvent> journal) {
    for (int i = journal.size() - 1; i >= 0; i--) {
      if (journal.get(i) instanceof CutoverEvent.Finished f) {
        if (f.outcome() == Phase.COMPLETED) {
          return null;
        }
        return new Result(f.outcome().exitCode(), "the last cutover of plan " + plan.name() + " ended "
            + f.outcome() + " at " + f.at() + ": " + f.reason() + "\nnothing was changed; to start a new cutover"
            + " run again with --new", null);
      }
      if (journal.get(i) instanceof CutoverEvent.Started || journal.get(i) instanceof CutoverEvent.PreflightFailed) {
        return null;
      }
    }
    return null;
  }

  private Future<Result> fresh(String id, String by) {
    return new Preflight(dns, signals).check(plan, Split.ALL_HEROKU).compose(report -> {
      CutoverEvent started = new CutoverEvent.Started(now(), id, plan.name(), by,
          plan.steps().stream().map(s -> s.split().percent()).toList());
      if (!report.passed()) {
        return record(List.of(started, new CutoverEvent.PreflightFailed(now(), report.problems())))
            .map(v -> new Result(ExitCode.PREFLIGHT_FAILED,
                "preflight failed, nothing was changed:\n  - " + String.join("\n  - ", report.problems()),
                null));
      }
      return record(List.of(started, new CutoverEvent.PreflightPassed(now(), Split.ALL_HEROKU,
          report.warnings()))).compose(v -> runFrom(CutoverState.ready(id, -1, Split.ALL_HEROKU)));
    });
  }

  private Future<Result> resume(List<CutoverEvent> events, String by) {
    String id = ((CutoverEvent.Started) events.get(0)).cutoverId();
    try (MDC.MDCCloseable c = MDC.putCloseable("cutover", id)) {
      log.info("resuming unfinished cutover {} of plan {}", id, plan.name());
    }
    return new Preflight(dns, signals).check(plan, null, true).compose(report -> {
      if (!report.passed()) {
        return Future.succeededFuture(new Result(ExitCode.PREFLIGHT_FAILED, "cannot resume " + id
            + ": preflight failed, nothing was changed:\n  - " + String.join("\n  - ", report.problems()), null));
      }
      Recovery.Verdict verdict = Recovery.reconcile(plan, events, report.world());
      if (verdict instanceof Recovery.Verdict.Continue c && c.state().split().equals(Split.ALL_HEROKU)
          && c.state().stepIndex() < 0 && !report.breached().isEmpty()) {
        // nothing was changed yet: a breached gate blocks the first shift exactly as in a fresh preflight
        return record(List.of(new CutoverEvent.PreflightFailed(now(), report.breached())))
            .map(v -> new Result(ExitCode.PREFLIGHT_FAILED, "preflight failed, nothing was changed:\n  - "
                + String.join("\n  - ", report.breached()), null));
      }
      if (verdict instanceof Recovery.Verdict.Continue c) {
        if (c.pausedBy() != null) {
          command(new dev.cutover.domain.OperatorCommand(dev.cutover.domain.OperatorCommand.Kind.PAUSE,
              c.pausedBy(), now()));
        }
        CutoverEvent note = new CutoverEvent.Resumed(now(), c.state().stepIndex(), c.state().split(),
            c.note() + " (resumed by " + by + ")");
        Future<Void> landed = c.awaitChangeId() != null
            ? dns.awaitInSync(c.awaitChangeId(), plan.faults().inSyncTimeout())
            : c.landedWithoutId() ? delay(CutoverRun.INSYNC_BOUND) : Future.succeededFuture();
        return record(List.of(note)).compose(v -> landed).compose(v -> runFrom(c.state()));
      }
      if (verdict instanceof Recovery.Verdict.RevertAgain r) {
        return record(List.of(new CutoverEvent.Resumed(now(), r.state().stepIndex(), r.state().split(),
            r.note() + " (resumed by " + by + ")"))).compose(v -> runFrom(r.state()));
      }
      if (verdict instanceof Recovery.Verdict.Reverted r) {
        Phase end = r.state().revertCause().ends();
        return record(List.of(
            new CutoverEvent.Resumed(now(), r.state().stepIndex(), Split.ALL_HEROKU, r.note()),
            new CutoverEvent.Finished(now(), end, end.exitCode().code(), r.state().reason())))
            .map(v -> new Result(end.exitCode(), r.state().reason(), r.state().finished(end,
                Split.ALL_HEROKU, r.state().reason())));
      }
      if (verdict instanceof Recovery.Verdict.RevertedByOthers r) {
        String why = "someone else put every record back to 100% Heroku while no controller ran; " + id
            + " ends here and will not shift again";
        return record(List.of(new CutoverEvent.Drift(now(), r.details(), true),
            new CutoverEvent.Finished(now(), Phase.ABORTED, ExitCode.OPERATOR_STOPPED.code(), why)))
            .map(v -> new Result(ExitCode.OPERATOR_STOPPED, why + ":\n  - " + String.join("\n  - ", r.details()),
                null));
      }
      Recovery.Verdict.Drift d = (Recovery.Verdict.Drift) verdict;
      String why = "the journal of " + id + " cannot explain the actual weights; nothing was changed";
      return record(List.of(new CutoverEvent.Drift(now(), d.details(), false),
          new CutoverEvent.Finished(now(), Phase.CONFLICT, ExitCode.CONFLICT.code(), why)))
          .map(v -> new Result(ExitCode.CONFLICT, why + ":\n  - " + String.join("\n  - ", d.details()), null));
    });
  }

  private Future<Result> runFrom(CutoverState state) {
    CutoverRun run = new CutoverRun(vertx, plan, new CutoverRun.Ports(new GateReader(signals), dns,
        store.journal(), notifier, store.inbox(), scheduler));
    if (untilBaked) {
      run.detachWhenSoaking();
    }
    Future<String> lost = lease.lost();
    lost.onSuccess(why -> run.halt("lease lost: " + why));
    List<dev.cutover.domain.OperatorCommand> first;
    synchronized (this) {
      if (halted != null) {
        return Future.succeededFuture(new Result(ExitCode.CONFLICT, "not started: " + halted
            + "; nothing was changed, a restart resumes it", null, true));
      }
      current = run;
      first = List.copyOf(pending);
      pending.clear();
    }
    return run.run(state, first).map(end -> end.phase() == Phase.SOAKING
            ? new Result(ExitCode.BAKED_SOAKING, "every step baked healthy; " + end.split() + " on AWS, soaking for "
                + dev.cutover.plan.Durations.format(plan.lifecycle().soak()) + " unwatched: `cutover run` (or serve)"
                + " resumes watching it", end)
            : new Result(end.phase().exitCode(), end.reason(), end))
        .recover(e -> lost.succeeded()
            ? Future.succeededFuture(new Result(ExitCode.CONFLICT, "stopped acting at once: another run took the"
                + " plan's lease (" + lost.result() + "); it owns the records now, nothing further was changed"
                + " by this run", null))
            : e instanceof StoreConflictException
                ? Future.succeededFuture(new Result(ExitCode.CONFLICT, "stopped acting at once: " + e.getMessage()
                    + "; nothing further was changed by this run", null))
                : halted() != null
                    ? Future.succeededFuture(new Result(ExitCode.CONFLICT, "stopped: " + halted() + "; traffic"
                        + " stays where the journal says, a restart resumes with a fresh bake", null, true))
                    : Future.failedFuture(e));
  }

  private synchronized String halted() {
    return halted;
  }

  private Future<Void> record(List<CutoverEvent> events) {
    Future<Void> f = Future.succeededFuture();
    for (CutoverEvent e : events) {
      f = f.compose(v -> store.journal().append(e)).onSuccess(v -> notifier.publish(e));
    }
    return f;
  }

  /** Waits in scheduler time (a change that landed without a known id: its INSYNC bound). */
  private Future<Void> delay(java.time.Duration d) {
    io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
    scheduler.schedule(d, () -> p.complete());
    return p.future();
  }

  private java.time.Instant now() {
    return scheduler.clock().instant();
  }
}
