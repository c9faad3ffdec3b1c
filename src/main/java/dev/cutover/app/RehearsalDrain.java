package dev.cutover.app;

import dev.cutover.domain.Plan;
import dev.cutover.drain.DrainServer;
import dev.cutover.drain.HerokuDrains;
import dev.cutover.drain.HerokuMetrics;
import dev.cutover.port.HerokuTraffic;
import dev.cutover.port.Scheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

/**
 * The drain path in a rehearsal: a drain server on loopback with a fresh secret, which the sandbox's simulated
 * Heroku sends its router lines to (as Heroku's HTTPS log drain would), and a publisher of the figures into the
 * sandbox CloudWatch ({@code Cutover/Heroku}, beside the sandbox's own {@code Sandbox/Heroku}). The app is the
 * plan's name, as the sandbox's Heroku metrics name it.
 */
final class RehearsalDrain {
  private final HerokuDrains drains;
  private final DrainServer server;
  private final String app;
  private final String secret;
  private HerokuMetrics metrics;

  private RehearsalDrain(HerokuDrains drains, DrainServer server, String app, String secret) {
    this.drains = drains;
    this.server = server;
    this.app = app;
    this.secret = secret;
  }

  static Future<RehearsalDrain> start(Vertx vertx, Scheduler scheduler, Plan plan) {
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    String secret = HexFormat.of().formatHex(random);
    HerokuDrains drains = new HerokuDrains(Map.of(plan.name(), secret), scheduler.clock(),
        HerokuDrains.Settings.DEFAULTS);
    return DrainServer.start(vertx, drains, "127.0.0.1", 0)
        .map(server -> new RehearsalDrain(drains, server, plan.name(), secret));
  }

  /** The drain URL the sandbox sends to, secret included (never printed). */
  URI url() {
    return URI.create("http://cutover:" + secret + "@127.0.0.1:" + server.port() + "/drains/heroku/" + app);
  }

  HerokuTraffic traffic() {
    return drains;
  }

  /** Publishes the figures into the rehearsal's CloudWatch every minute of sandbox time. */
  void publish(AppEnvironment env) {
    metrics = new HerokuMetrics(drains, env.metricPublisher(), env.scheduler(), HerokuMetrics.NAMESPACE)
        .start(HerokuMetrics.EVERY);
  }

  /** "Heroku drain: 12000 requests (0.21% 5xx, p99 402 ms) in router lines since 12:00" for the summary. */
  String line(Instant since, Instant now) {
    HerokuTraffic.Figures f = drains.window(app, since, now.plus(Duration.ofMinutes(1)));
    String p99 = f.latency().samples() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.0f ms", f.latency().p99());
    return String.format(java.util.Locale.ROOT, "Heroku drain: %d requests in router lines, %s 5xx, p99 %s"
        + " (published to CloudWatch as %s)", f.requests(),
        f.requests() == 0 ? "-" : String.format(java.util.Locale.ROOT, "%.2f%%", 100 * f.errorRate()), p99,
        HerokuMetrics.NAMESPACE);
  }

  long requests() {
    return drains.stats(app).requests();
  }

  Future<Void> close() {
    Future<Void> published = Optional.ofNullable(metrics).map(HerokuMetrics::stop).orElse(Future.succeededFuture());
    return published.transform(ar -> server.close());
  }
}
