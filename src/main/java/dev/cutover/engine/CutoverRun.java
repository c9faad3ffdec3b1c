package dev.cutover.engine;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.CutoverState;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Phase;
import dev.cutover.domain.Plan;
import dev.cutover.port.CommandInbox;
import dev.cutover.port.DnsConflictException;
import dev.cutover.port.Journal;
import dev.cutover.port.Notifier;
import dev.cutover.port.Priority;
import dev.cutover.port.Scheduler;
import dev.cutover.port.StoreConflictException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries out the decider's decisions on one Vert.x context. Observations are handled one at a time: decide,
 * journal the events (intent before effect), publish them, then start the actions, whose outcomes come back as
 * new observations. Gates and the actual weights are read on their own clocks every {@code gates.poll} for the
 * whole run ({@link GateWatch}, {@link WorldWatch}): neither waits for the other, nor for a change in flight.
 */
public final class CutoverRun {
  private static final Logger log = LoggerFactory.getLogger(CutoverRun.class);
  private static final Duration INBOX_EVERY = Duration.ofMillis(250);
  private static final Duration MAX_REVERT_BACKOFF = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Plan plan;
  private final Decider decider;
  private final Ports ports;
  private final ArrayDeque<Observation> queue = new ArrayDeque<>();
  private final Promise<CutoverState> done = Promise.promise();
  private Context context;
  private volatile CutoverState state;
  private volatile Seen seen = new Seen(null, null, null, null);
  private boolean detachWhenSoaking;
  private boolean processing;
  private GateWatch gates;
  private WorldWatch world;
  private PollTimer journalCheck;
  private long inboxTimer = -1;
  private int revertFailures;

  /** The ports a run needs. */
  public record Ports(GateReader gates, dev.cutover.port.DnsWeights dns, Journal journal, Notifier notifier,
      CommandInbox inbox, Scheduler scheduler) {}

  public CutoverRun(Vertx vertx, Plan plan, Ports ports) {
    this.vertx = vertx;
    this.plan = plan;
    this.decider = new Decider(plan);
    this.ports = ports;
  }

  /** Runs from {@code initial} (READY) to a final phase; the Future completes with the final state. */
  public Future<CutoverState> run(CutoverState initial) {
    return run(initial, List.of());
  }

  /**
   * As {@link #run(CutoverState)}, handling {@code first} (commands that arrived before the run started) before
   * anything else: an abort among them reverts before any shift, and the run then does not begin a step.
   */
  public Future<CutoverState> run(CutoverState initial, List<OperatorCommand> first) {
    context = vertx.getOrCreateContext();
    context.runOnContext(v -> {
      state = initial;
      gates = new GateWatch(ports.scheduler(), ports.gates(), plan.gates().alarms(), plan.gates().poll(),
          plan.gates().readBound(), r -> onContext(() -> observe(r)));
      world = new WorldWatch(ports.scheduler(), ports.dns(), plan, () -> WorldJudge.watching(state),
          r -> onContext(() -> observe(r)));
      // an abort that came before the start reverts before any shift; other commands apply once the step begins
      first.stream().filter(c -> c.kind() == OperatorCommand.Kind.ABORT)
          .forEach(c -> observe(new Observation.Command(now(), c)));
      // a restart that found an unconfirmed revert issues it again; an abort among the first commands already did
      if (initial.phase() == dev.cutover.domain.Phase.REVERTING || state.phase() == dev.cutover.domain.Phase.READY) {
        observe(new Observation.Begin(now()));
      }
      first.stream().filter(c -> c.kind() != OperatorCommand.Kind.ABORT)
          .forEach(c -> observe(new Observation.Command(now(), c)));
      journalCheck = new PollTimer(ports.scheduler(), plan.gates().poll(), at -> onContext(this::verifyJournal));
      gates.start();
      world.start();
      journalCheck.start();
      inboxTimer = ports.scheduler().periodic(inboxEvery(), () -> onContext(this::takeCommands));
    });
    return done.future();
  }

  /** Operator commands are looked for every quarter of a wall second, whatever the time compression. */
  private Duration inboxEvery() {
    return Duration.ofNanos((long) (INBOX_EVERY.toNanos() * Math.max(1.0, ports.scheduler().speed())));
  }

  /** Runs {@code task} on this run's context with its cutover id in the logging MDC, removed afterwards. */
  private void onContext(Runnable task) {
    context.runOnContext(v -> inMdc(task));
  }

  private void inMdc(Runnable task) {
    String previous = MDC.get("cutover");
    MDC.put("cutover", state.cutoverId());
    try {
      task.run();
    } finally {
      if (previous == null) {
        MDC.remove("cutover");
      } else {
        MDC.put("cutover", previous);
      }
    }
  }

  /**
   * Stops acting at once, without a revert: used when the lease was lost to another run, which now owns the
   * records. The run's Future fails with {@code why}.
   */
  public void halt(String why) {
    onContext(() -> {
      // a halt is asked for (a lease lost, a server stopping): said plainly, not as an error
      log.warn("stopping without moving traffic: {}", why);
      stop(new IllegalStateException(why), false);
    });
  }

  /** The current state: an immutable value, safe to read from any thread (the API, a supervisor). */
  public CutoverState state() {
    return state;
  }

  /**
   * What the run last saw of the world: each gate's reading and the weights of every pair, each with the time it
   * was asked for (null before the first). Safe to read from any thread.
   */
  public record Seen(List<GateReading> readings, Instant readingsAt, List<PairState> world, Instant worldAt) {}

  public Seen seen() {
    return seen;
  }

  /**
   * Ends the run (its Future completes with the SOAKING state) once the last step has baked and the soak begins,
   * leaving the soak to a later {@code run} or a server ({@code run --until baked}). Call before {@link #run}.
   */
  public CutoverRun detachWhenSoaking() {
    this.detachWhenSoaking = true;
    return this;
  }

  /** Delivers an operator command from this process (the API), as the inbox delivers one from another. */
  public void command(OperatorCommand command) {
    onContext(() -> observe(new Observation.Command(now(), command)));
  }

  private Instant now() {
    return ports.scheduler().clock().instant();
  }

  private void observe(Observation o) {
    if (o instanceof Observation.GatesRead r) {
      seen = new Seen(r.readings(), r.now(), seen.world(), seen.worldAt());
    } else if (o instanceof Observation.WorldRead r) {
      seen = new Seen(seen.readings(), seen.readingsAt(), r.world(), r.now());
    }
    queue.add(o);
    inMdc(this::drain);
  }

  private void drain() {
    if (processing || queue.isEmpty() || done.future().isComplete()) {
      return;
    }
    processing = true;
    Observation o = queue.poll();
    Decision d;
    try {
      d = decider.decide(state, o);
    } catch (RuntimeException bug) {
      stop(bug);
      return;
    }
    state = d.state();
    journal(d.events()).onComplete(ar -> {
      if (ar.failed()) {
        stop(ar.cause() instanceof StoreConflictException conflict ? conflict
            : new IllegalStateException("the journal could not be written (" + ar.cause().getMessage()
                + "); stopping before any further change to Route 53", ar.cause()));
        return;
      }
      inMdc(() -> {
        d.events().forEach(ports.notifier()::publish);
        d.actions().forEach(this::execute);
        processing = false;
        if (detachWhenSoaking && state.phase() == dev.cutover.domain.Phase.SOAKING) {
          cancelTimers();
          log.info("every step baked; the soak goes on unwatched until a run or a server resumes it");
          done.tryComplete(state);
          return;
        }
        drain();
      });
    });
  }

  private Future<Void> journal(List<CutoverEvent> events) {
    Future<Void> f = Future.succeededFuture();
    for (CutoverEvent e : events) {
      f = f.compose(v -> ports.journal().append(e));
    }
    return f;
  }

  private void execute(Action a) {
    if (a instanceof Action.Shift s) {
      shift(s);
    } else if (a instanceof Action.AwaitInSync w) {
      ports.dns().awaitInSync(w.changeId(), plan.faults().inSyncTimeout()).onComplete(ar -> observe(ar.succeeded()
          ? new Observation.ShiftInSync(now(), w.changeId())
          : new Observation.ShiftFailed(now(), "change " + w.changeId() + ": " + ar.cause().getMessage())));
    } else if (a instanceof Action.Revert r) {
      Duration backoff = revertBackoff(revertFailures);
      if (backoff.isZero()) {
        revert(r);
      } else {
        ports.scheduler().schedule(backoff, () -> onContext(() -> revert(r)));
      }
    } else if (a instanceof Action.Finish f) {
      finish(f);
    } else {
      throw new IllegalStateException("unhandled action " + a);
    }
  }

  private void shift(Action.Shift s) {
    ports.dns().read(plan.zone(), plan.records()).compose(world -> {
      List<String> moved = world.stream().filter(p -> !p.isExactly(s.from()))
          .map(p -> p.mismatch(s.from())).toList();
      if (!moved.isEmpty()) {
        throw new DnsConflictException(moved);
      }
      Optional<ChangeBatch> batch = ChangeBatches.shift(plan.zone(), world, s.to(),
          "cutover " + state.cutoverId() + ": step " + (s.step() + 1) + " to " + s.to() + " AWS");
      ChangeBatch b = batch.orElseThrow(() -> new IllegalStateException("no change needed for " + s.to()));
      return ports.dns().apply(b).<Observation>map(id -> new Observation.ShiftSubmitted(now(), id, describe(b)));
    }).recover(e -> e instanceof DnsConflictException c ? landedAnyway(s, c) : Future.failedFuture(e))
        .onComplete(ar -> {
      if (ar.succeeded()) {
        observe(ar.result());
      } else if (ar.cause() instanceof DnsConflictException c) {
        observe(new Observation.ShiftRejected(now(), c.details()));
      } else {
        observe(new Observation.ShiftFailed(now(), ar.cause().getMessage()));
      }
    });
  }

  /**
   * A guarded batch whose answer was lost (a timeout after Route 53 applied it) is retried and then "conflicts"
   * with itself. If every pair now reads exactly as the target, the change landed: treat it as live.
   */
  private Future<Observation> landedAnyway(Action.Shift s, DnsConflictException conflict) {
    return ports.dns().read(plan.zone(), plan.records()).compose(world -> world.stream()
        .allMatch(p -> p.isExactly(s.to()))
        ? afterInSyncBound().map(v -> new Observation.ShiftInSync(now(), "(answer lost; read-back shows " + s.to()
            + "; bake started after Route 53's " + INSYNC_BOUND.toSeconds() + " s INSYNC bound)"))
        : Future.failedFuture(conflict), e -> Future.failedFuture(conflict));
  }

  /**
   * Route 53 reports INSYNC within 60 s (AWS Route 53 Developer Guide: changes "generally propagate to all Route 53 name servers within 60 seconds"). Without a change id to poll, the bake clock starts only
   * once that bound has passed: a step counts only once it is live. Gates are still polled meanwhile.
   */
  static final Duration INSYNC_BOUND = Duration.ofSeconds(60);

  private Future<Void> afterInSyncBound() {
    io.vertx.core.Promise<Void> p = io.vertx.core.Promise.promise();
    ports.scheduler().schedule(INSYNC_BOUND, () -> onContext(p::complete));
    return p.future();
  }

  private void revert(Action.Revert r) {
    log.warn("reverting to 100% Heroku: {}", r.reason());
    ports.dns().read(plan.zone(), plan.records(), Priority.REVERT).compose(world -> {
      Optional<ChangeBatch> batch = ChangeBatches.revert(plan.zone(), world,
          "cutover " + state.cutoverId() + ": revert to Heroku (" + r.cause() + ")");
      if (batch.isEmpty()) {
        return Future.succeededFuture((String) null);
      }
      return ports.dns().apply(batch.get()).compose(id -> {
        observe(new Observation.RevertSubmitted(now(), id, describe(batch.get())));
        return ports.dns().awaitInSync(id, plan.faults().inSyncTimeout(), Priority.REVERT).map(id);
      });
    }).onComplete(ar -> {
      if (ar.succeeded()) {
        revertFailures = 0;
        observe(new Observation.RevertDone(now(), ar.result()));
      } else {
        revertFailures++;
        log.error("revert attempt {} failed: {}", revertFailures, ar.cause().getMessage());
        observe(new Observation.RevertFailed(now(), ar.cause().getMessage()));
      }
    });
  }

  static List<String> describe(ChangeBatch b) {
    return b.changes().stream().map(ChangeBatch.Change::toString).toList();
  }

  /**
   * Once per poll: the journal this run writes must still be the one it opened. Deleted, replaced or written
   * with a line it cannot read: stop acting at once, without a revert, as for a lost lease (exit 6).
   */
  private void verifyJournal() {
    ports.journal().verify().onFailure(e -> context.runOnContext(v -> {
      if (done.future().isComplete()) {
        return;
      } else if (e instanceof StoreConflictException conflict) {
        stop(conflict);
      } else {
        log.warn("could not check the journal this poll: {}", e.getMessage());
      }
    }));
  }

  private void takeCommands() {
    ports.inbox().take().onSuccess(cmds -> cmds.forEach(c -> observe(new Observation.Command(now(), c))))
        .onFailure(e -> log.warn("could not read operator commands: {}", e.getMessage()));
  }

  private void finish(Action.Finish f) {
    cancelTimers();
    log.info("finished {}: {}", f.outcome(), f.reason());
    done.tryComplete(state);
  }

  private void stop(Throwable error) {
    stop(error, true);
  }

  private void stop(Throwable error, boolean unexpected) {
    cancelTimers();
    if (unexpected) {
      log.error("cutover stopped: {}", error.getMessage());
      log.debug("cutover stopped", error);
    }
    done.tryFail(error);
  }

  private void cancelTimers() {
    if (gates != null) {
      gates.stop();
      world.stop();
      journalCheck.stop();
    }
    if (inboxTimer != -1) {
      ports.scheduler().cancel(inboxTimer);
    }
  }

  /** 0 before the first failure, then 1 s, 2 s, 4 s ... capped at 30 s. */
  static Duration revertBackoff(int failures) {
    if (failures == 0) {
      return Duration.ZERO;
    }
    Duration d = Duration.ofSeconds(1L << Math.min(failures - 1, 5));
    return d.compareTo(MAX_REVERT_BACKOFF) > 0 ? MAX_REVERT_BACKOFF : d;
  }
}
