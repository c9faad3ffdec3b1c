package dev.cutover.port;

import dev.cutover.domain.CutoverEvent;
import io.vertx.core.Future;
import java.util.List;

/** The append-only record of one plan's cutovers, from which a restarted controller resumes. */
public interface Journal {

  /** Completes once the event is durable (fsync for a file). */
  Future<Void> append(CutoverEvent event);

  /** Every event ever appended for this plan, oldest first. */
  Future<List<CutoverEvent>> readAll();
}
