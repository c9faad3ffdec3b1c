package dev.cutover.sandbox;

import dev.cutover.port.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * A scenario being played: every simulated second ({@link #tick()}) each pending fault whose trigger holds starts,
 * and each active fault whose {@code for:} has passed ends. Starts and ends are recorded as {@link FaultEvent}s with
 * simulated and wall time. Thread-safety: {@link #tick()}, {@link #start} and {@link #stop()} synchronize on this
 * object; {@link #events()} may be read from any thread.
 */
public final class ScenarioRun {
  private enum State { PENDING, ACTIVE, ENDED }

  private final Scenario scenario;
  private final FaultTargets targets;
  private final IntSupplier awsSplit;
  private final Clock simulated;
  private final Clock wall;
  private final State[] states;
  private final Instant[] ends;
  private final List<FaultEvent> events = new CopyOnWriteArrayList<>();
  private final List<Consumer<FaultEvent>> listeners = new CopyOnWriteArrayList<>();
  private Instant startedAt;
  private Scheduler scheduler;
  private Long timer;

  /**
   * @param awsSplit the AWS share in percent the records have now (e.g. {@link SandboxWorld#awsSplit()})
   * @param simulated the scheduler's clock
   * @param wall the wall clock, for reporting only
   */
  public ScenarioRun(Scenario scenario, FaultTargets targets, IntSupplier awsSplit, Clock simulated, Clock wall) {
    this.scenario = Objects.requireNonNull(scenario, "scenario");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.awsSplit = Objects.requireNonNull(awsSplit, "awsSplit");
    this.simulated = Objects.requireNonNull(simulated, "simulated");
    this.wall = Objects.requireNonNull(wall, "wall");
    this.states = new State[scenario.faults().size()];
    this.ends = new Instant[scenario.faults().size()];
    java.util.Arrays.fill(states, State.PENDING);
  }

  /** Plays a scenario on a running sandbox world, with the wall clock of this machine for reports. */
  public static ScenarioRun of(Scenario scenario, SandboxWorld world, FaultTargets targets, Clock simulated) {
    return new ScenarioRun(scenario, targets, world::awsSplit, simulated, Clock.systemUTC());
  }

  public Scenario scenario() {
    return scenario;
  }

  /** Calls {@code listener} on every start and end, on the ticking thread. */
  public void onEvent(Consumer<FaultEvent> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** Starts the scenario clock now and checks the triggers at once and then every simulated second. */
  public synchronized void start(Scheduler scheduler) {
    if (startedAt != null) {
      throw new IllegalStateException("scenario " + scenario.name() + " was already started");
    }
    this.scheduler = scheduler;
    this.startedAt = simulated.instant();
    tick();
    this.timer = scheduler.periodic(Duration.ofSeconds(1), this::tick);
  }

  /** Stops checking triggers and clears every active fault. */
  public synchronized void stop() {
    if (timer != null) {
      scheduler.cancel(timer);
      timer = null;
    }
    Instant now = simulated.instant();
    for (int i = 0; i < states.length; i++) {
      if (states[i] == State.ACTIVE) {
        end(i, now);
      }
    }
  }

  /** Starts due faults and ends expired ones; before {@link #start} it starts the scenario clock. */
  public synchronized void tick() {
    Instant now = simulated.instant();
    if (startedAt == null) {
      startedAt = now;
    }
    Duration since = Duration.between(startedAt, now);
    int split = -1;
    for (int i = 0; i < states.length; i++) {
      Fault f = scenario.faults().get(i);
      if (states[i] == State.ACTIVE && !now.isBefore(ends[i])) {
        end(i, now);
      } else if (states[i] == State.PENDING) {
        if (split < 0 && f.whenSplitAtLeast() != null) {
          split = awsSplit.getAsInt();
        }
        if (f.triggered(since, Math.max(split, 0))) {
          ends[i] = f.duration() == null ? Instant.MAX : now.plus(f.duration());
          states[i] = State.ACTIVE;
          f.effect().apply(targets, ends[i]);
          emit(new FaultEvent(i, f.describe(), FaultEvent.Kind.STARTED, now, wall.instant(), since));
        }
      }
    }
  }

  private void end(int i, Instant now) {
    Fault f = scenario.faults().get(i);
    states[i] = State.ENDED;
    f.effect().clear(targets);
    emit(new FaultEvent(i, f.describe(), FaultEvent.Kind.ENDED, now, wall.instant(),
        Duration.between(startedAt, now)));
  }

  private void emit(FaultEvent e) {
    events.add(e);
    listeners.forEach(l -> l.accept(e));
  }

  /** Every start and end so far, in order. */
  public List<FaultEvent> events() {
    return List.copyOf(events);
  }

  /** The first fault start, for "fault started at T → revert applied at T + d". */
  public Optional<FaultEvent> firstFaultStart() {
    return events.stream().filter(e -> e.kind() == FaultEvent.Kind.STARTED).findFirst();
  }

  /** When the scenario clock started (simulated time); empty before {@link #start}. */
  public synchronized Optional<Instant> startedAt() {
    return Optional.ofNullable(startedAt);
  }
}
