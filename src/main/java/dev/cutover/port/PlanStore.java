package dev.cutover.port;

import dev.cutover.domain.OperatorCommand;
import io.vertx.core.Future;

/**
 * Everything a plan keeps between processes: its journal, the single-writer lease, and the inbox through which
 * other processes reach a running controller. A local directory by default; a shared store lets a run resume
 * on another machine.
 */
public interface PlanStore {

  Journal journal();

  CommandInbox inbox();

  /**
   * Takes the plan's lease for {@code cutoverId}. Fails with {@link LeaseHeldException} when another live run
   * holds it, unless {@code force} (an emergency takeover, which the caller journals).
   */
  Future<Lease> acquire(String cutoverId, boolean force);

  /** Whether a live controller holds the lease now. */
  Future<Boolean> controllerRunning();

  /** Delivers an operator command to the running controller. */
  Future<Void> send(OperatorCommand command);

  /** A held lease; released when the run ends (or lost when the process dies, and then taken over). */
  interface Lease {
    /** Who held the lease before a forced takeover, else null. */
    String takenOverFrom();

    Future<Void> release();

    /**
     * Completes (with the reason) if another run takes the lease while this one holds it; the holder must then
     * stop acting at once, without a revert that would fight the new holder. Never completes for a local OS lock.
     */
    default Future<String> lost() {
      return io.vertx.core.Promise.<String>promise().future();
    }
  }
}
