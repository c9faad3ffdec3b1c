package dev.cutover.app;

import dev.cutover.cli.CliExit;
import dev.cutover.cli.DrainOptions;
import dev.cutover.domain.ExitCode;
import dev.cutover.drain.DrainConfig;
import dev.cutover.drain.DrainServer;
import dev.cutover.drain.HerokuDrains;
import dev.cutover.drain.HerokuMetrics;
import dev.cutover.port.Scheduler;
import io.vertx.core.Future;
import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Heroku drains as {@code run} and {@code serve} wire them (docs/heroku-drain.md): the apps and their secrets from
 * {@code --drain APP=ENV_VAR}, and with {@code --publish-heroku-metrics} a publisher into CloudWatch on the
 * process's CloudWatch budget.
 */
final class DrainWiring implements AutoCloseable {
  private final HerokuDrains drains;
  private final Optional<HerokuMetrics> metrics;
  private final Optional<DrainServer> server;

  private DrainWiring(HerokuDrains drains, Optional<HerokuMetrics> metrics, Optional<DrainServer> server) {
    this.drains = drains;
    this.metrics = metrics;
    this.server = server;
  }

  /** The drains of {@code options}, secrets read from {@code env}; exit 2 naming what is wrong. */
  static HerokuDrains drains(DrainOptions options, Scheduler scheduler, Function<String, String> env) {
    try {
      return new HerokuDrains(DrainConfig.secrets(options.drains(), env), scheduler.clock(),
          HerokuDrains.Settings.DEFAULTS);
    } catch (IllegalArgumentException e) {
      throw new CliExit(ExitCode.INVALID_INPUT, e.getMessage());
    }
  }

  /** Publishing into CloudWatch when {@code --publish-heroku-metrics} asks for it. */
  static Optional<HerokuMetrics> publishing(AppEnvironment env, HerokuDrains drains, DrainOptions options) {
    if (!options.publish()) {
      return Optional.empty();
    }
    return Optional.of(new HerokuMetrics(drains, env.metricPublisher(), env.scheduler(), HerokuMetrics.NAMESPACE)
        .start(HerokuMetrics.EVERY));
  }

  /** {@code run --drain-port}: the drains on a port of their own. */
  static DrainWiring onOwnPort(AppEnvironment env, DrainOptions options, String bind, int port) {
    HerokuDrains drains = env.herokuDrains(options);
    DrainServer server;
    try {
      server = DrainServer.start(env.vertx(), drains, bind, port).toCompletionStage().toCompletableFuture()
          .get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      throw new CliExit(ExitCode.INVALID_INPUT, "the drain port " + bind + ":" + port + " could not be opened: "
          + cause.getMessage() + " (is it in use? pick another with --drain-port)");
    }
    printUrls(env.err(), drains, "http://" + bind + ":" + server.port());
    return new DrainWiring(drains, publishing(env, drains, options), Optional.of(server));
  }

  /** One line per app: where its drain listens and the command that adds it on Heroku. */
  static void printUrls(PrintStream out, HerokuDrains drains, String base) {
    for (String app : drains.apps()) {
      out.println("Heroku drain of " + app + " at " + base + DrainConfig.path(app) + " (add it with: heroku"
          + " drains:add https://cutover:$SECRET@YOUR-HOST" + DrainConfig.path(app) + " -a " + app + ")");
    }
    out.flush();
  }

  HerokuDrains drains() {
    return drains;
  }

  /** Publishes what is left, then stops listening. */
  @Override
  public void close() throws Exception {
    Future<Void> published = metrics.map(HerokuMetrics::stop).orElse(Future.succeededFuture());
    Future<Void> closed = server.map(DrainServer::close).orElse(Future.succeededFuture());
    Future.join(published, closed).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }
}
