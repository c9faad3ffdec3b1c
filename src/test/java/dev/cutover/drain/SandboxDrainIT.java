package dev.cutover.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cutover.port.HerokuTraffic.Figures;
import dev.cutover.sandbox.Scenario;
import dev.cutover.sandbox.SandboxServer;
import dev.cutover.sandbox.SandboxSession;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.cloudwatch.MetricDataQuery;
import dev.cutover.sandbox.cloudwatch.MetricDataResult;
import dev.cutover.sandbox.cloudwatch.MetricKey;
import dev.cutover.sandbox.cloudwatch.MetricStat;
import dev.cutover.sandbox.traffic.DrainForwarder;
import dev.cutover.sandbox.traffic.TrafficConfig;
import dev.cutover.testkit.Futures;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * End to end: the sandbox's simulated Heroku traffic → router lines over a simulated Heroku HTTPS drain →
 * {@link DrainServer} → per-minute figures that match what the sandbox itself published for Heroku
 * ({@code Sandbox/Heroku}) minute by minute.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class SandboxDrainIT {
  static final String SECRET = "sandbox-drain-secret-0123";
  static final double SPEED = 60;
  private final Vertx vertx = Vertx.vertx();
  private final VertxScheduler scheduler = VertxScheduler.scaled(vertx, SPEED);

  @AfterEach
  void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void theDrainsMinutesMatchTheSandboxsOwnHerokuCounts() throws Exception {
    HerokuDrains drains = new HerokuDrains(Map.of("demo", SECRET), scheduler.clock(), HerokuDrains.Settings.DEFAULTS);
    DrainServer server = Futures.await(DrainServer.start(vertx, drains, "127.0.0.1", 0));
    URI url = URI.create("http://cutover:" + SECRET + "@127.0.0.1:" + server.port() + "/drains/heroku/demo");
    TrafficConfig traffic = TrafficConfig.defaults().withRequestsPerSecond(40).withDrain(url)
        .withProfiles(new dev.cutover.sandbox.traffic.BackendProfile(0.02, 0.090, 0.400),
            dev.cutover.sandbox.traffic.BackendProfile.awsDefault());
    SandboxSession session = Futures.await(SandboxSession.start(vertx, scheduler, SandboxWorld.demoPlan(),
        Scenario.builtIn("happy"), SandboxServer.Options.defaults(), traffic));
    Instant first = nextMinute(scheduler.clock().instant());

    Futures.await(after(Duration.between(scheduler.clock().instant(), first.plus(Duration.ofMinutes(4)))));
    session.traffic().stop();
    DrainForwarder forwarder = session.drain().orElseThrow();
    Futures.await(until(() -> forwarder.delivered() + forwarder.dropped() == forwarder.sent()));

    assertThat(forwarder.dropped()).isZero();
    assertThat(drains.stats("demo").requests()).as("every Heroku request became a router line")
        .isEqualTo(session.traffic().snapshot().heroku().totalRequests());
    assertThat(drains.stats("demo").malformedLines() + drains.stats("demo").malformedFrames()).isZero();
    List<Figures> minutes = drains.minutes("demo", first, first.plus(Duration.ofMinutes(4)));
    assertThat(minutes).hasSize(4);
    List<Double> requests = sandbox(session, "RequestCount", "Sum", first);
    List<Double> errors = sandbox(session, "HTTPCode_Target_5XX_Count", "Sum", first);
    List<Double> p99 = sandbox(session, "TargetResponseTime", "p99", first);
    for (int i = 0; i < 4; i++) {
      Figures f = minutes.get(i);
      assertThat(f.requests()).as("requests in minute " + i).isEqualTo(requests.get(i).longValue());
      assertThat(f.serverErrors()).as("5xx in minute " + i).isEqualTo(errors.get(i).longValue());
      assertThat(f.latency().p99()).as("p99 ms in minute " + i)
          .isCloseTo(p99.get(i) * 1000, within(p99.get(i) * 1000 * 0.05));
    }
    Futures.await(session.close());
    Futures.await(server.close());
  }

  /** One value per minute from {@code first}, as the sandbox published it for Heroku. */
  private static List<Double> sandbox(SandboxSession session, String metric, String stat, Instant first) {
    MetricStat ms = new MetricStat(MetricKey.of("Sandbox/Heroku", metric, Map.of("App", "demo")), 60, stat, null);
    MetricDataResult r = session.server().cloudWatch().getMetricData(List.of(MetricDataQuery.stat("m", ms, true)),
        first, first.plus(Duration.ofMinutes(4)), true).get(0);
    assertThat(r.timestamps()).as(metric).hasSize(4);
    return r.values();
  }

  private static Instant nextMinute(Instant t) {
    return Instant.ofEpochSecond((Math.floorDiv(t.getEpochSecond(), 60) + 1) * 60);
  }

  private Future<Void> after(Duration d) {
    Promise<Void> p = Promise.promise();
    scheduler.schedule(d, p::tryComplete);
    return p.future();
  }

  /** Completes once {@code condition} holds, checked every 20 ms of wall time. */
  private Future<Void> until(BooleanSupplier condition) {
    Promise<Void> p = Promise.promise();
    long id = vertx.setPeriodic(20, t -> {
      if (condition.getAsBoolean()) {
        p.tryComplete();
      }
    });
    return p.future().onComplete(ar -> vertx.cancelTimer(id));
  }
}
