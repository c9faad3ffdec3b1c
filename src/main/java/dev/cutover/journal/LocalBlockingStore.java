package dev.cutover.journal;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.OperatorCommand;
import dev.cutover.port.BlockingPlanStore;
import java.io.IOException;
import java.util.List;

/** The local store of one plan for a one-shot command, without Vert.x: the same files as {@link LocalPlanStore}. */
public final class LocalBlockingStore implements BlockingPlanStore {
  private final StateDir dir;
  private final String plan;
  private final FileJournal journal;

  public LocalBlockingStore(StateDir dir, String plan) {
    this.dir = dir;
    this.plan = plan;
    this.journal = new FileJournal(null, dir.journal(plan), plan); // its blocking methods only
  }

  @Override
  public boolean controllerRunning() throws IOException {
    return PlanLock.isHeld(dir.lock(plan));
  }

  @Override
  public List<CutoverEvent> read() throws IOException {
    return journal.readBlocking();
  }

  @Override
  public void append(List<CutoverEvent> events) throws IOException {
    try {
      journal.appendBlocking(events);
    } finally {
      journal.close();
    }
  }

  @Override
  public void send(OperatorCommand command) throws IOException {
    FileCommandInbox.send(dir.commands(plan), command);
  }
}
