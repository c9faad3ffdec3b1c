package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.GateReading;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Plan;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.JournalDamagedException;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Signals;
import io.vertx.core.Future;
import java.util.List;

/**
 * {@code status} as a use case: the actual weights of every pair, each gate's reading, whether a controller runs,
 * and the journal's last word. A damaged journal never hides the world: the weights and gates are read anyway, and
 * the damage comes with them.
 *
 * @param damage the journal's damage, or null; then {@code unfinished} and {@code last} say nothing
 */
public record PlanStatus(Plan plan, List<PairState> weights, List<GateReading> gates, boolean controllerRunning,
    boolean unfinished, CutoverEvent last, JournalDamagedException damage) {

  /** Reads everything at once; fails only when Route 53 or the store cannot be read (gates become Unknown). */
  public static Future<PlanStatus> read(Plan plan, DnsWeights dns, Signals signals, PlanStore store) {
    Future<List<PairState>> world = dns.read(plan.zone(), plan.records());
    Future<List<GateReading>> gates = new GateReader(signals).read(plan.gates().alarms());
    Future<Boolean> running = store.controllerRunning();
    Future<List<CutoverEvent>> journal = store.journal().readAll();
    return Future.join(world, gates, running, journal).transform(ar -> {
      if (world.failed()) {
        return Future.failedFuture(world.cause());
      }
      if (running.failed()) {
        return Future.failedFuture(running.cause());
      }
      if (journal.failed() && !(journal.cause() instanceof JournalDamagedException)) {
        return Future.failedFuture(journal.cause());
      }
      JournalDamagedException damage = journal.failed() ? (JournalDamagedException) journal.cause() : null;
      List<CutoverEvent> events = damage == null ? journal.result() : List.of();
      return Future.succeededFuture(new PlanStatus(plan, world.result(), gates.result(), running.result(),
          !Recovery.unfinished(events).isEmpty(), events.isEmpty() ? null : events.get(events.size() - 1),
          damage));
    });
  }
}
