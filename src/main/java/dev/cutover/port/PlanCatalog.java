package dev.cutover.port;

import io.vertx.core.Future;
import java.time.Instant;
import java.util.List;

/**
 * The plans a server runs, kept in the store next to their journals: a restarted {@code serve} resumes their
 * unfinished cutovers, and with a shared store another instance takes over those whose holder died.
 */
public interface PlanCatalog {

  /** A plan as it was submitted: its YAML text, who submitted it and when. */
  record Stored(String name, String yaml, String by, Instant at) {}

  /** Keeps (or replaces) the plan {@code name}. */
  Future<Void> put(Stored plan);

  /** Every plan kept, in no particular order. */
  Future<List<Stored>> list();

  /** Forgets the plan (its journal stays). */
  Future<Void> remove(String name);
}
