package dev.cutover.sandbox;

import dev.cutover.domain.Plan;
import dev.cutover.port.Scheduler;
import dev.cutover.sandbox.traffic.DrainForwarder;
import dev.cutover.sandbox.traffic.TrafficConfig;
import dev.cutover.sandbox.traffic.TrafficModel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;
import java.util.Optional;

/**
 * Everything a sandbox run needs, composed in the right order: the server, the plan's world in it, simulated
 * traffic and the scenario, all on one scheduler. The scenario clock starts with the session, so {@code at: 2m}
 * means two simulated minutes after {@link #start}. What {@code cutover demo} and {@code cutover sandbox} wire.
 */
public final class SandboxSession {
  private final SandboxServer server;
  private final SandboxWorld world;
  private final TrafficModel traffic;
  private final ScenarioRun scenario;
  private final Optional<DrainForwarder> drain;

  private SandboxSession(SandboxServer server, SandboxWorld world, TrafficModel traffic, ScenarioRun scenario,
      Optional<DrainForwarder> drain) {
    this.server = server;
    this.world = world;
    this.traffic = traffic;
    this.scenario = scenario;
    this.drain = drain;
  }

  /**
   * Starts the server, builds {@code plan}'s world, and starts traffic and {@code scenario}; with a drain in the
   * traffic config, Heroku's router lines go there as Heroku's HTTPS log drain sends them.
   */
  public static Future<SandboxSession> start(Vertx vertx, Scheduler scheduler, Plan plan, Scenario scenario,
      SandboxServer.Options options, TrafficConfig trafficConfig) {
    return SandboxServer.start(vertx, scheduler, options).compose(server -> {
      try {
        SandboxWorld world = SandboxWorld.build(plan, server);
        TrafficModel traffic = world.traffic(trafficConfig);
        Optional<DrainForwarder> drain = Optional.ofNullable(trafficConfig.drain()).map(url ->
            new DrainForwarder(vertx, url, world.routes().get(0).name(), trafficConfig.seed()));
        drain.ifPresent(traffic::routerLog);
        ScenarioRun run = new ScenarioRun(scenario, FaultTargets.of(server, traffic), world::awsSplit,
            scheduler.clock(), Clock.systemUTC());
        traffic.start(scheduler);
        run.start(scheduler);
        return Future.succeededFuture(new SandboxSession(server, world, traffic, run, drain));
      } catch (RuntimeException e) {
        return server.close().transform(ignored -> Future.failedFuture(e));
      }
    });
  }

  public SandboxServer server() {
    return server;
  }

  public URI endpoint() {
    return server.endpoint();
  }

  public SandboxWorld world() {
    return world;
  }

  public TrafficModel traffic() {
    return traffic;
  }

  public ScenarioRun scenario() {
    return scenario;
  }

  /** Where Heroku's router lines go, when the traffic config names a drain. */
  public Optional<DrainForwarder> drain() {
    return drain;
  }

  /** Stops the scenario (clearing its faults), the traffic, the drain's client and the server. */
  public Future<Void> close() {
    scenario.stop();
    traffic.stop();
    drain.ifPresent(DrainForwarder::close);
    return server.close();
  }
}
