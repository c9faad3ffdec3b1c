package dev.cutover.engine;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.port.JournalDamagedException;
import dev.cutover.port.PlanStore;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * {@code history} as a use case: the plan's journal in time order, and, when it is damaged, what could be read
 * before the damage together with the damage itself.
 *
 * @param damage the journal's damage, or null
 */
public record PlanHistory(List<CutoverEvent> events, JournalDamagedException damage) {

  public static Future<PlanHistory> read(PlanStore store) {
    return store.journal().readAll().map(events -> new PlanHistory(inTimeOrder(events), null))
        .recover(e -> e instanceof JournalDamagedException d
            ? Future.succeededFuture(new PlanHistory(inTimeOrder(d.readable()), d))
            : Future.failedFuture(e));
  }

  /**
   * By time, stable: the journal holds events in append order, and appends come from several clocks (a rollback
   * from another machine, a controller running a compressed rehearsal clock).
   */
  public static List<CutoverEvent> inTimeOrder(List<CutoverEvent> events) {
    List<CutoverEvent> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(CutoverEvent::at));
    return sorted;
  }
}
