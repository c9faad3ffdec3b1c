package dev.cutover.sandbox;

import dev.cutover.domain.Plan;
import dev.cutover.port.Scheduler;
import dev.cutover.sandbox.traffic.TrafficConfig;
import dev.cutover.sandbox.traffic.TrafficModel;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Clock;

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

  private SandboxSession(SandboxServer server, SandboxWorld world, TrafficModel traffic, ScenarioRun scenario) {
    this.server = server;
    this.world = world;
    this.traffic = traffic;
    this.scenario = scenario;
  }

  /** Starts the server, builds {@code plan}'s world, and starts traffic and {@code scenario}. */
  public static Future<SandboxSession> start(Vertx vertx, Scheduler scheduler, Plan plan, Scenario scenario,
      SandboxServer.Options options, TrafficConfig trafficConfig) {
    return SandboxServer.start(vertx, scheduler, options).compose(server -> {
      try {
        SandboxWorld world = SandboxWorld.build(plan, server);
        TrafficModel traffic = world.traffic(trafficConfig);
        ScenarioRun run = new ScenarioRun(scenario, FaultTargets.of(server, traffic), world::awsSplit,
            scheduler.clock(), Clock.systemUTC());
        traffic.start(scheduler);
        run.start(scheduler);
        return Future.succeededFuture(new SandboxSession(server, world, traffic, run));
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

  /** Stops the scenario (clearing its faults), the traffic and the server. */
  public Future<Void> close() {
    scenario.stop();
    traffic.stop();
    return server.close();
  }
}
