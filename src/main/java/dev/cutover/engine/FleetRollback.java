package dev.cutover.engine;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Plan;
import dev.cutover.domain.RecordPair;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.Priority;
import io.vertx.core.Future;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every pair of many plans back on Heroku at once: one UPSERT batch per hosted zone, sent ahead of every
 * other Route 53 call, then each plan's journal records it and its controller (here or elsewhere) is told to
 * abort. A zone that fails does not hold back the others; its error is reported.
 */
public final class FleetRollback {
  private static final Logger log = LoggerFactory.getLogger(FleetRollback.class);

  /** One zone's revert: the plans it covered, the change id (null when already all on Heroku) or the error. */
  public record ZoneResult(String zone, List<String> plans, String changeId, List<String> changes,
      List<String> warnings, String error) {}

  public record Report(Instant at, List<ZoneResult> zones) {
    public boolean allApplied() {
      return zones.stream().allMatch(z -> z.error() == null);
    }
  }

  private final Supervisor supervisor;
  private final Supervisor.Wiring wiring;
  private final io.vertx.core.Vertx vertx;

  public FleetRollback(io.vertx.core.Vertx vertx, Supervisor supervisor, Supervisor.Wiring wiring) {
    this.vertx = vertx;
    this.supervisor = supervisor;
    this.wiring = wiring;
  }

  /** Rolls back {@code plans} (distinct names) for {@code by}. */
  public Future<Report> run(List<Plan> plans, String by, Instant at) {
    Map<String, List<Plan>> byZone = new LinkedHashMap<>();
    plans.forEach(p -> byZone.computeIfAbsent(p.zone(), z -> new ArrayList<>()).add(p));
    List<Future<ZoneResult>> zones = byZone.entrySet().stream()
        .map(z -> zone(z.getKey(), z.getValue(), by, at)).toList();
    return Future.join(zones).map(v -> new Report(at, zones.stream().map(Future::result).toList()));
  }

  private Future<ZoneResult> zone(String zone, List<Plan> plans, String by, Instant at) {
    List<String> names = plans.stream().map(Plan::name).toList();
    List<RecordPair> pairs = plans.stream().flatMap(p -> p.records().stream()).distinct().toList();
    DnsWeights dns = wiring.dns(plans.get(0));
    List<String> warnings = new ArrayList<>();
    return dns.read(zone, pairs, Priority.REVERT).compose(world -> {
      List<PairState> complete = new ArrayList<>();
      for (PairState ps : world) {
        if (ps.complete()) {
          complete.add(ps);
        } else {
          warnings.add(ps.pair().label() + " cannot be rolled back by weight: " + ps.weights());
        }
      }
      Optional<ChangeBatch> batch = complete.isEmpty() ? Optional.empty()
          : ChangeBatches.revert(zone, complete, "cutover fleet rollback by " + by + " (" + String.join(", ", names)
              + ")");
      Future<String> sent = batch.isEmpty() ? Future.succeededFuture(null) : dns.apply(batch.get());
      return sent.compose(id -> afterRevert(plans, by, at, id, batch.orElse(null))
          .map(v -> new ZoneResult(zone, names, id, batch.map(b -> b.changes().stream()
              .map(ChangeBatch.Change::toString).toList()).orElse(List.of()), warnings, null)));
    }).recover(e -> {
      log.error("fleet rollback of zone {} failed: {}", zone, e.getMessage());
      return Future.succeededFuture(new ZoneResult(zone, names, null, List.of(), warnings, e.getMessage()));
    });
  }

  /** Each plan: a controller in this process is told to abort; otherwise the journal and store record it. */
  private Future<Void> afterRevert(List<Plan> plans, String by, Instant at, String changeId, ChangeBatch batch) {
    List<Future<?>> done = new ArrayList<>();
    for (Plan p : plans) {
      Optional<Supervisor.Entry> here = supervisor.entry(p.name()).filter(e -> !e.ended());
      if (here.isPresent()) {
        supervisor.command(p.name(), new OperatorCommand(OperatorCommand.Kind.ABORT, by, at));
        continue;
      }
      done.add(Rollbacks.record(wiring.store(p.name()), by, at, changeId, batch, OperatorSend.FLEET_ROLLBACK_REASON)
          .onFailure(e -> log.warn("plan {}: the rollback is applied but could not be journalled: {}", p.name(),
              e.getMessage())));
    }
    return Future.join(done).<Void>mapEmpty().otherwiseEmpty();
  }

  io.vertx.core.Vertx vertx() {
    return vertx;
  }
}
