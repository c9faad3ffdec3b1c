package dev.cutover.port;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.OperatorCommand;
import java.io.IOException;
import java.util.List;

/**
 * The few things a one-shot command ({@code rollback}) needs of a plan's store, without an event loop: the
 * incident responder waits for the prompt, and starting Vert.x to write two journal lines costs more than the
 * revert itself. Only the local store offers it; a shared store is reached through {@link PlanStore}.
 */
public interface BlockingPlanStore {

  boolean controllerRunning() throws IOException;

  List<CutoverEvent> read() throws IOException;

  /** Appends the events in order; durable (one fsync for all) when it returns. */
  void append(List<CutoverEvent> events) throws IOException;

  void send(OperatorCommand command) throws IOException;
}
