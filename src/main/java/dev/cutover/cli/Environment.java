package dev.cutover.cli;

import dev.cutover.domain.Plan;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Scheduler;
import dev.cutover.port.Signals;
import dev.cutover.port.TokenStore;
import io.vertx.core.Vertx;
import java.io.PrintStream;

/** What the commands need from the outside world; the composition root (app) provides it. */
public interface Environment {
  Vertx vertx();

  Scheduler scheduler();

  DnsWeights dns(Plan plan);

  Signals signals(Plan plan);

  PlanStore store(String planName);

  /** The HTTP API's tokens, in the same store as the plans (--store). */
  TokenStore tokens();

  PrintStream out();

  PrintStream err();

  /** Who is acting, for the journal: --by, else $CUTOVER_BY, else $USER@host. */
  String actor();
}
