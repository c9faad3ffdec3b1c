package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.Plan;
import dev.cutover.port.PlanCatalog;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The use cases of {@code cutover serve}, as values: what the HTTP API (and the dashboard) calls. Each returns a
 * value or fails with {@link SupervisorException} (NOT_FOUND, CONFLICT) whose message a person can act on.
 */
public final class Fleet {
  private final Vertx vertx;
  private final Supervisor supervisor;
  private final Supervisor.Wiring wiring;
  private final FleetRollback rollback;
  private PlanCatalog catalog;

  public Fleet(Vertx vertx, Supervisor supervisor, Supervisor.Wiring wiring) {
    this.vertx = vertx;
    this.supervisor = supervisor;
    this.wiring = wiring;
    this.rollback = new FleetRollback(vertx, supervisor, wiring);
  }

  public Supervisor supervisor() {
    return supervisor;
  }

  public List<CutoverView> list() {
    return supervisor.entries().stream().map(CutoverView::of).toList();
  }

  public Optional<CutoverView> view(String plan) {
    return supervisor.entry(plan).map(CutoverView::of);
  }

  /** The plan's journal, oldest first. */
  public Future<List<CutoverEvent>> events(String plan) {
    Supervisor.Entry e = supervisor.entry(plan).orElseThrow(() ->
        new SupervisorException(SupervisorException.Kind.NOT_FOUND, "no plan named " + plan + " here"));
    return wiring.store(e.plan().name()).journal().readAll();
  }

  /** Starts (or resumes) a cutover of a validated plan for {@code by}. */
  public CutoverView submit(Plan plan, String by) {
    return CutoverView.of(supervisor.submit(plan, new Supervisor.Start(by, false, false)));
  }

  /**
   * Keeps the plan's YAML in the catalog (so a restarted or another server resumes it), then starts it. Refused
   * before anything is kept when it conflicts with what runs here, or when another live run (another instance on
   * the shared store, a {@code cutover run}) holds the plan's lease: that run owns it.
   */
  public Future<CutoverView> submit(Plan plan, String yaml, String by) {
    return submit(plan, yaml, new Supervisor.Start(by, false, false));
  }

  /** As {@link #submit(Plan, String, String)}, started as {@code start} says. */
  public Future<CutoverView> submit(Plan plan, String yaml, Supervisor.Start start) {
    if (catalog == null) {
      return Future.succeededFuture(CutoverView.of(supervisor.submit(plan, start)));
    }
    try {
      supervisor.check(plan);
    } catch (SupervisorException refused) {
      return Future.failedFuture(refused);
    }
    return wiring.store(plan.name()).controllerRunning().compose(elsewhere -> elsewhere
        ? Future.failedFuture(new SupervisorException(SupervisorException.Kind.CONFLICT, "plan " + plan.name()
            + " is running elsewhere: another instance sharing this store, or a `cutover run`, holds its lease;"
            + " send it commands there, or submit it again once it has ended (if that instance died, a serve"
            + " instance resumes the cutover once the lease expires)"))
        : catalog.put(new PlanCatalog.Stored(plan.name(), yaml, start.by(), supervisor.now()))
            .map(v -> CutoverView.of(supervisor.submit(plan, start))));
  }

  /** Plans submitted from now on are kept in {@code plans}, and forgotten ones removed from it. */
  public Fleet withCatalog(PlanCatalog plans) {
    this.catalog = plans;
    return this;
  }

  public void command(String plan, OperatorCommand command) {
    supervisor.command(plan, command);
  }

  public void forget(String plan) {
    supervisor.forget(plan);
    if (catalog != null) {
      catalog.remove(plan);
    }
  }

  /**
   * Every plan this server knows whose labels include {@code labels} (all of them for an empty map) back to 100%
   * Heroku: one UPSERT per zone, then each cutover is told to abort. NOT_FOUND when no plan matches.
   */
  public Future<FleetRollback.Report> rollback(Map<String, String> labels, String by) {
    List<Plan> plans = supervisor.entries().stream().map(Supervisor.Entry::plan)
        .filter(p -> p.hasLabels(labels)).toList();
    if (plans.isEmpty()) {
      return Future.failedFuture(new SupervisorException(SupervisorException.Kind.NOT_FOUND,
          labels.isEmpty() ? "no plans here to roll back" : "no plan here has the labels " + labels));
    }
    return rollback.run(plans, by, supervisor.now());
  }

  /**
   * One plan back to 100% Heroku, as {@link #rollback(Map, String)} does for many: running or ended (a rollback
   * is the escape hatch, it always applies). NOT_FOUND when this server has no such plan.
   */
  public Future<FleetRollback.Report> rollback(String plan, String by) {
    Optional<Supervisor.Entry> e = supervisor.entry(plan);
    if (e.isEmpty()) {
      return Future.failedFuture(new SupervisorException(SupervisorException.Kind.NOT_FOUND,
          "no plan named " + plan + " here"));
    }
    return rollback.run(List.of(e.get().plan()), by, supervisor.now());
  }

  /** Every event of every cutover with its plan name, as it is journalled (for server-sent events). */
  public void listen(BiConsumer<String, CutoverEvent> listener) {
    supervisor.listen(listener);
  }

  Vertx vertx() {
    return vertx;
  }
}
