package dev.cutover.port;

import dev.cutover.domain.CutoverEvent;
import io.vertx.core.Future;
import java.util.List;

/**
 * The append-only record of one plan's cutovers, from which a restarted controller resumes. Every entry names
 * its plan and its cutover; a journal refuses to read past, or append after, an entry it cannot read or that is
 * not its own ({@link JournalDamagedException}).
 */
public interface Journal {

  /** Completes once the event is durable (fsync for a file). */
  Future<Void> append(CutoverEvent event);

  /**
   * Every event ever appended for this plan, oldest first. Fails with {@link JournalDamagedException} (where,
   * what, how to repair) if an entry cannot be read or belongs to another plan or to an unknown cutover.
   */
  Future<List<CutoverEvent>> readAll();

  /**
   * Checks that the journal this process writes is still the one it opened: fails with
   * {@link StoreConflictException} when it was deleted, replaced or overwritten since, or when someone else
   * added an entry that cannot be read. A running controller calls it once per poll and halts on a failure, as
   * for a lost lease. Succeeds when nothing was written yet.
   */
  default Future<Void> verify() {
    return Future.succeededFuture();
  }
}
