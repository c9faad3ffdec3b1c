package dev.cutover.engine;

import dev.cutover.domain.Plan;
import dev.cutover.port.PlanCatalog;
import dev.cutover.port.Scheduler;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}'s side of failover and restarts: every {@code every}, the plans of the catalog whose cutover is
 * unfinished and that no live run holds are resumed here, by the existing recovery rules (a fresh bake of the live
 * step, never a skipped one). With a shared store, the instance whose resume wins the plan's lease runs it; the
 * others drop their attempt. A plan that no longer parses is reported, never guessed at.
 */
public final class Takeovers {
  private static final Logger log = LoggerFactory.getLogger(Takeovers.class);

  private final Supervisor supervisor;
  private final Supervisor.Wiring wiring;
  private final PlanCatalog catalog;
  private final Function<PlanCatalog.Stored, Optional<Plan>> parse;
  private final Scheduler scheduler;
  private final Duration every;
  private final String instance;
  private long timer = -1;
  private boolean scanning;
  private volatile boolean stopped;

  /**
   * @param parse the stored YAML as a plan, or empty (after logging why) when it is no longer valid
   * @param instance this server's name, for the journal ("resumed by serve@host")
   */
  public Takeovers(Supervisor supervisor, Supervisor.Wiring wiring, PlanCatalog catalog,
      Function<PlanCatalog.Stored, Optional<Plan>> parse, Scheduler scheduler, Duration every, String instance) {
    this.supervisor = supervisor;
    this.wiring = wiring;
    this.catalog = catalog;
    this.parse = parse;
    this.scheduler = scheduler;
    this.every = every;
    this.instance = instance;
  }

  /** Scans once now, then every {@code every}. */
  public Future<List<String>> start() {
    timer = scheduler.periodic(every, this::scan);
    return scan();
  }

  /** No scan from now on, and a scan under way resumes nothing more: the server is stopping. */
  public void stop() {
    stopped = true;
    if (timer != -1) {
      scheduler.cancel(timer);
    }
  }

  /** One scan; completes with the plans it resumed here. */
  public synchronized Future<List<String>> scan() {
    if (scanning || stopped) {
      return Future.succeededFuture(List.of());
    }
    scanning = true;
    return catalog.list().compose(stored -> {
      List<Future<String>> resumed = new ArrayList<>();
      for (PlanCatalog.Stored s : stored) {
        if (supervisor.entry(s.name()).filter(e -> !e.ended()).isPresent()) {
          continue;
        }
        resumed.add(maybeResume(s));
      }
      return Future.join(resumed).map(v -> resumed.stream().map(Future::result).filter(n -> n != null).toList());
    }).onFailure(e -> log.warn("could not list the stored plans to resume: {}", e.getMessage()))
        .onComplete(ar -> {
          synchronized (this) {
            scanning = false;
          }
        });
  }

  private Future<String> maybeResume(PlanCatalog.Stored s) {
    var store = wiring.store(s.name());
    return store.controllerRunning().compose(running -> running ? Future.succeededFuture((String) null)
        : store.journal().readAll().map(journal -> {
          if (Recovery.unfinished(journal).isEmpty()) {
            return null;
          }
          Optional<Plan> plan = parse.apply(s);
          if (plan.isEmpty() || stopped) {
            return null;
          }
          try {
            supervisor.submit(plan.get(), new Supervisor.Start(instance, false, false, true));
            log.info("plan {}: its cutover is unfinished and no live run holds it: resuming it here", s.name());
            return s.name();
          } catch (SupervisorException refused) {
            log.warn("plan {} cannot be resumed here: {}", s.name(), refused.getMessage());
            return null;
          }
        })).otherwise(e -> {
          log.warn("plan {}: could not check whether to resume it: {}", s.name(), e.getMessage());
          return null;
        });
  }
}
