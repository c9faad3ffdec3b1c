package dev.cutover.cli;

import dev.cutover.domain.Plan;
import dev.cutover.port.BlockingDnsWeights;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Scheduler;
import dev.cutover.port.Signals;
import io.vertx.core.Vertx;
import java.io.PrintStream;
import java.time.Clock;

/** What the commands need from the outside world; the composition root (app) provides it. */
public interface Environment {
  Vertx vertx();

  Scheduler scheduler();

  /** The scheduler's clock, without starting an event loop when time is not compressed. */
  Clock clock();

  DnsWeights dns(Plan plan);

  /** Route 53 for one-shot commands (`rollback`): blocking calls on the caller's thread, no event loop. */
  BlockingDnsWeights blockingDns(Plan plan);

  Signals signals(Plan plan);

  PlanStore store(String planName);

  PrintStream out();

  PrintStream err();

  /** Who is acting, for the journal: --by, else $CUTOVER_BY, else $USER@host. */
  String actor();
}
