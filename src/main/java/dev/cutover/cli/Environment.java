package dev.cutover.cli;

import dev.cutover.domain.Plan;
import dev.cutover.port.BlockingDnsWeights;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Scheduler;
import dev.cutover.port.Signals;
import dev.cutover.port.TokenStore;
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

  /** The HTTP API's tokens, in the same store as the plans (--store). */
  TokenStore tokens();

  PrintStream out();

  PrintStream err();

  /** This environment's adapters as the supervisor's wiring (one cutover's ports per plan). */
  default dev.cutover.engine.Supervisor.Wiring wiring() {
    Environment env = this;
    return new dev.cutover.engine.Supervisor.Wiring() {
      @Override
      public DnsWeights dns(Plan plan) {
        return env.dns(plan);
      }

      @Override
      public Signals signals(Plan plan) {
        return env.signals(plan);
      }

      @Override
      public PlanStore store(String planName) {
        return env.store(planName);
      }
    };
  }

  /**
   * The notifications of {@code --notify FILE} (null: none), with links to {@code publicUrl} (null: the file's);
   * a bad file ends the command with exit 2 and every problem.
   */
  default dev.cutover.port.Notifications notifications(java.nio.file.Path file, java.net.URI publicUrl) {
    if (file == null) {
      return dev.cutover.port.Notifications.NONE;
    }
    throw new CliExit(dev.cutover.domain.ExitCode.INVALID_INPUT, "--notify is not available here");
  }

  /**
   * The plan's store without an event loop, for a one-shot command, when the store offers it (the local one);
   * null otherwise (use {@link #store}).
   */
  default dev.cutover.port.BlockingPlanStore blockingStore(String planName) {
    return null;
  }

  /** Who is acting, for the journal: --by, else $CUTOVER_BY, else $USER@host. */
  String actor();

  /**
   * Starts receiving the Heroku log drains of {@code drains} on a port of their own ({@code run --drain-port}), and
   * publishing their figures if asked; closing the result stops both. Prints where each drain listens.
   *
   * @throws CliExit (exit 2) when a drain is misconfigured or the port cannot be had
   */
  default AutoCloseable receiveDrains(DrainOptions drains, String bind, int port) {
    throw new CliExit(dev.cutover.domain.ExitCode.INVALID_INPUT, "this environment cannot receive Heroku drains");
  }
}
