package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RecordPair;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.Notifier;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Scheduler;
import dev.cutover.port.Signals;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs any number of cutovers in one process, keyed by plan name (README, "Run it as a service"): {@code cutover run} is a
 * supervisor with one, {@code cutover serve} one with many. Each cutover is a {@link Controller} (lease, journal,
 * preflight or recovery, then a {@link CutoverRun}); the supervisor refuses two cutovers of one plan or two plans
 * that claim the same record pair, routes operator commands by plan name, and fans every cutover's events out to
 * its listeners (console, the API's event streams). The ports a cutover gets come from {@link Wiring}: in a
 * process with many cutovers they share one AWS budget and batched readers.
 */
public final class Supervisor {
  private static final Logger log = LoggerFactory.getLogger(Supervisor.class);

  /** Where a cutover's ports come from. */
  public interface Wiring {
    DnsWeights dns(Plan plan);

    Signals signals(Plan plan);

    PlanStore store(String planName);
  }

  /**
   * How a cutover was started: who asked, and the options of {@code cutover run}.
   *
   * @param onlyIfFree a resume found in the store (after a restart, or from a dead instance): if another run holds
   *     the plan's lease it is not waited for, and the entry is dropped
   */
  public record Start(String by, boolean forceTakeover, boolean startNew, boolean onlyIfFree, boolean untilBaked) {
    public Start(String by, boolean forceTakeover, boolean startNew) {
      this(by, forceTakeover, startNew, false, false);
    }

    public Start(String by, boolean forceTakeover, boolean startNew, boolean onlyIfFree) {
      this(by, forceTakeover, startNew, onlyIfFree, false);
    }
  }

  /** A plan the supervisor runs or ran, with its outcome once it ended. */
  public record Entry(Plan plan, Controller controller, Start start, Instant submittedAt,
      Future<Controller.Result> result) {

    public boolean ended() {
      return result.isComplete();
    }
  }

  private final Vertx vertx;
  private final Scheduler scheduler;
  private final Wiring wiring;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private final List<BiConsumer<String, CutoverEvent>> listeners = new CopyOnWriteArrayList<>();
  private String halting;

  public Supervisor(Vertx vertx, Scheduler scheduler, Wiring wiring) {
    this.vertx = vertx;
    this.scheduler = scheduler;
    this.wiring = wiring;
  }

  /** Every event of every cutover, with its plan name, as it is journalled. */
  public void listen(BiConsumer<String, CutoverEvent> listener) {
    listeners.add(listener);
  }

  /**
   * Starts a cutover of {@code plan} (preflight, or resume from its journal) and returns its entry at once; the
   * entry's result completes when the cutover ends. Refused with {@link SupervisorException} when a cutover of the
   * plan is still running here, or a running plan claims one of its record pairs, or (CONFLICT) after
   * {@link #haltAll}: a cutover started then would outlive the stop, its lease never released.
   */
  public synchronized Entry submit(Plan plan, Start start) {
    if (halting != null) {
      throw new SupervisorException(SupervisorException.Kind.CONFLICT, "plan " + plan.name() + " not started: "
          + halting);
    }
    check(plan);
    Notifier fanOut = e -> listeners.forEach(l -> {
      try {
        l.accept(plan.name(), e);
      } catch (RuntimeException bug) {
        log.warn("an event listener failed on {} of {}: {}", e.type(), plan.name(), bug.toString());
      }
    });
    Controller controller = new Controller(vertx, plan, wiring.dns(plan), wiring.signals(plan),
        wiring.store(plan.name()), fanOut, scheduler);
    if (start.untilBaked()) {
      controller.untilBaked();
    }
    Future<Controller.Result> result = controller.run(start.by(), start.forceTakeover(), start.startNew(),
        !start.onlyIfFree());
    Entry entry = new Entry(plan, controller, start, scheduler.clock().instant(), result);
    entries.put(plan.name(), entry);
    if (start.onlyIfFree()) {
      result.onSuccess(r -> {
        if (r.heldElsewhere()) {
          synchronized (this) {
            entries.remove(plan.name(), entry);
          }
        }
      });
    }
    result.onComplete(ar -> log.info("plan {} ended: {}", plan.name(), ar.succeeded()
        ? ar.result().exit() + " " + ar.result().message() : "internal error: " + ar.cause().getMessage()));
    return entry;
  }

  /**
   * Refuses (with {@link SupervisorException}, CONFLICT) a plan that is still running here, or that claims a record
   * pair a running plan claims; else returns and nothing is changed.
   */
  public synchronized void check(Plan plan) {
    Entry existing = entries.get(plan.name());
    if (existing != null && !existing.ended()) {
      throw new SupervisorException(SupervisorException.Kind.CONFLICT, "plan " + plan.name()
          + " is already running here (submitted " + existing.submittedAt() + " by " + existing.start().by()
          + "); pause, resume or abort it, or wait until it ends");
    }
    for (Entry other : entries.values()) {
      if (other.ended() || other.plan().name().equals(plan.name())) {
        continue;
      }
      Optional<RecordPair> shared = sharedPair(plan, other.plan());
      if (shared.isPresent()) {
        throw new SupervisorException(SupervisorException.Kind.CONFLICT, "plan " + plan.name() + " claims "
            + shared.get().label() + " in zone " + plan.zone() + ", which plan " + other.plan().name()
            + " is cutting over; one record pair can be moved by one plan at a time");
      }
    }
  }

  private static Optional<RecordPair> sharedPair(Plan a, Plan b) {
    if (!a.zone().equals(b.zone())) {
      return Optional.empty();
    }
    return a.records().stream().filter(p -> b.records().stream()
        .anyMatch(q -> q.name().equals(p.name()) && q.type().equals(p.type()))).findFirst();
  }

  public synchronized Optional<Entry> entry(String plan) {
    return Optional.ofNullable(entries.get(plan));
  }

  public synchronized List<Entry> entries() {
    return new ArrayList<>(entries.values());
  }

  /**
   * Delivers an operator command to the cutover of {@code plan} (kept until its run starts, if it is still in
   * preflight). Fails with {@link SupervisorException} (NOT_FOUND) when this supervisor has no such plan, or
   * (CONFLICT) when it has ended.
   */
  public void command(String plan, OperatorCommand command) {
    Entry e = require(plan);
    if (e.ended()) {
      throw new SupervisorException(SupervisorException.Kind.CONFLICT, "plan " + plan + " is not running any"
          + " more (" + e.result().map(r -> r.exit() + ": " + r.message()).otherwise("internal error").result()
          + "); " + command.kind().name().toLowerCase() + " applies to a running cutover");
    }
    e.controller().command(command);
  }

  /** Forgets an ended cutover (its journal stays in the store). */
  public synchronized void forget(String plan) {
    Entry e = require(plan);
    if (!e.ended()) {
      throw new SupervisorException(SupervisorException.Kind.CONFLICT, "plan " + plan + " is still running;"
          + " abort or roll it back first, then delete it");
    }
    entries.remove(plan);
  }

  private synchronized Entry require(String plan) {
    Entry e = entries.get(plan);
    if (e == null) {
      throw new SupervisorException(SupervisorException.Kind.NOT_FOUND, "no plan named " + plan + " here");
    }
    return e;
  }

  /**
   * Stops every running cutover at once without moving traffic (a server shutting down): each keeps the state its
   * journal says and releases its lease, so a restart or another instance resumes it with a fresh bake. No cutover
   * starts here afterwards. Completes when all have stopped.
   */
  public Future<Void> haltAll(String why) {
    List<Entry> running;
    synchronized (this) {
      halting = why;
      running = entries.values().stream().filter(e -> !e.ended()).toList();
    }
    running.forEach(e -> e.controller().halt(why));
    return Future.join(running.stream().map(Entry::result).toList()).<Void>mapEmpty().otherwiseEmpty();
  }

  /** The supervisor's time (the injected scheduler's clock). */
  public Instant now() {
    return scheduler.clock().instant();
  }

  /** Completes when every cutover submitted so far has ended. */
  public Future<Void> allEnded() {
    Collection<Entry> now = entries();
    return Future.join(now.stream().map(Entry::result).toList()).mapEmpty();
  }
}
