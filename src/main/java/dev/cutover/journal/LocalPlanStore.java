package dev.cutover.journal;

import dev.cutover.domain.OperatorCommand;
import dev.cutover.port.CommandInbox;
import dev.cutover.port.Journal;
import dev.cutover.port.LeaseHeldException;
import dev.cutover.port.PlanStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Optional;

/**
 * A plan's state in a local directory: fsync'd JSON-lines journal, an OS file lock as the lease (it dies with
 * its process, so a crashed run never blocks the next), and a file inbox for operator commands.
 */
public final class LocalPlanStore implements PlanStore {
  private final Vertx vertx;
  private final StateDir dir;
  private final String plan;
  private final FileJournal journal;
  private final FileCommandInbox inbox;

  public LocalPlanStore(Vertx vertx, StateDir dir, String plan) {
    this.vertx = vertx;
    this.dir = dir;
    this.plan = plan;
    this.journal = new FileJournal(vertx, dir.journal(plan), plan);
    this.inbox = new FileCommandInbox(vertx, dir.commands(plan));
  }

  @Override
  public Journal journal() {
    return journal;
  }

  @Override
  public CommandInbox inbox() {
    return inbox;
  }

  @Override
  public Future<Lease> acquire(String cutoverId, boolean force) {
    return vertx.executeBlocking(() -> {
      Optional<PlanLock> lock = PlanLock.tryAcquire(dir.lock(plan), cutoverId);
      if (lock.isEmpty()) {
        // An OS lock cannot be taken from a live process; force cannot help here.
        String holder = PlanLock.holder(dir.lock(plan)).map(PlanLock.Holder::describe).orElse("another process");
        throw new LeaseHeldException(plan, holder, false);
      }
      inbox.purge();
      PlanLock held = lock.get();
      return (Lease) new Lease() {
        @Override
        public String takenOverFrom() {
          return null;
        }

        @Override
        public Future<Void> release() {
          return vertx.executeBlocking(() -> {
            held.close();
            journal.close();
            return null;
          });
        }
      };
    });
  }

  @Override
  public Future<Boolean> controllerRunning() {
    return vertx.executeBlocking(() -> PlanLock.isHeld(dir.lock(plan)));
  }

  @Override
  public Future<Void> send(OperatorCommand command) {
    return vertx.executeBlocking(() -> {
      FileCommandInbox.send(dir.commands(plan), command);
      return null;
    });
  }
}
