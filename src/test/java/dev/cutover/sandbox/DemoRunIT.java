package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.CloudWatchSignals;
import dev.cutover.aws.Resilient;
import dev.cutover.aws.Route53Weights;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.ExitCode;
import dev.cutover.domain.Plan;
import dev.cutover.engine.Controller;
import dev.cutover.journal.LocalPlanStore;
import dev.cutover.journal.StateDir;
import dev.cutover.sandbox.traffic.TrafficConfig;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/**
 * The demo for real: the engine with the AWS adapters against a sandbox session (server, world, traffic, scenario)
 * at {@link SandboxWorld#DEMO_SPEED}x. Checks the time arithmetic of config/demo.yaml and that the built-in faults
 * trip the gates from simulated traffic. Wiring as the composition root would do it; tests may cross layers.
 */
class DemoRunIT {
  @TempDir
  Path stateDir;
  private Vertx vertx;
  private VertxScheduler scheduler;
  private SandboxSession session;
  private final List<CutoverEvent> events = new CopyOnWriteArrayList<>();

  @BeforeEach
  void vertx() {
    vertx = Vertx.vertx();
    scheduler = VertxScheduler.scaled(vertx, SandboxWorld.DEMO_SPEED);
  }

  @AfterEach
  void close() throws Exception {
    if (session != null) {
      session.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private Controller.Result run(String scenario) throws Exception {
    Plan plan = SandboxWorld.demoPlan();
    session = SandboxSession.start(vertx, scheduler, plan, Scenario.builtIn(scenario),
        SandboxServer.Options.defaults(), TrafficConfig.defaults()).toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    AwsClients.Options aws = AwsClients.Options.DEFAULTS.withEndpoint(session.endpoint())
        .withRegion(Region.US_EAST_1)
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOX", "secret")));
    Route53AsyncClient route53 = AwsClients.route53(aws);
    CloudWatchAsyncClient cloudWatch = AwsClients.cloudWatch(aws);
    // At 60x a gate read's deadline (one 10 s poll) is 167 ms of wall time, less than a cold SDK client's first
    // call (class loading, Netty bootstrap) on a busy machine: warm both clients before the clock matters.
    route53.getHostedZone(r -> r.id(plan.zone())).get(10, TimeUnit.SECONDS);
    cloudWatch.describeAlarms(r -> r.alarmNames(plan.gates().alarms())).get(10, TimeUnit.SECONDS);
    Route53Weights dns = new Route53Weights(route53,
        new Resilient(vertx, scheduler, Resilient.Settings.route53(plan.faults())));
    CloudWatchSignals signals = new CloudWatchSignals(cloudWatch,
        new Resilient(vertx, scheduler, Resilient.Settings.cloudWatch(plan.gates().poll())));
    Controller controller = new Controller(vertx, plan, dns, signals,
        new LocalPlanStore(vertx, new StateDir(stateDir), plan.name()), events::add, scheduler);
    return controller.run("demo-test", false).toCompletionStage().toCompletableFuture().get(90, TimeUnit.SECONDS);
  }

  private <T extends CutoverEvent> T first(Class<T> type) {
    return events.stream().filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
  }

  @Test
  void theHappyDemoCompletesEveryStepInUnderAMinuteOfWallTime() throws Exception {
    long start = System.nanoTime();

    Controller.Result result = run("happy");

    double wallSeconds = (System.nanoTime() - start) / 1e9;
    Duration simulated = Duration.between(first(CutoverEvent.Started.class).at(),
        first(CutoverEvent.Finished.class).at());
    assertThat(result.exit()).as(result.message() + "; events " + events).isEqualTo(ExitCode.COMPLETED);
    assertThat(wallSeconds).as("wall seconds (simulated " + simulated + ")").isLessThan(60);
    assertThat(simulated).isLessThan(Duration.ofMinutes(19));
    assertThat(session.traffic().snapshot().awsShare()).isGreaterThan(0.9);
    System.out.printf("happy demo: %.1f s wall, %s simulated; %s%n", wallSeconds, simulated,
        session.traffic().snapshot().line());
  }

  @Test
  void awsErrorsAtFiftyPercentTripTheErrorGateAndTheDemoRevertsToHeroku() throws Exception {
    Controller.Result result = run("aws-errors");

    assertThat(result.exit()).as(result.message() + "; events " + events).isEqualTo(ExitCode.ROLLED_BACK);
    CutoverEvent.RevertIntent revert = first(CutoverEvent.RevertIntent.class);
    assertThat(revert.trigger()).contains("demo-aws-5xx-rate");
    FaultEvent fault = session.scenario().firstFaultStart().orElseThrow();
    Duration faultToRevert = Duration.between(fault.simulatedTime(), revert.at());
    assertThat(faultToRevert).isBetween(Duration.ZERO, Duration.ofMinutes(4));
    assertThat(session.world().awsSplit()).isZero();
    System.out.printf("aws-errors demo: fault at %s (wall %s) -> revert after %s simulated%n",
        fault.sinceStart(), fault.wallTime(), faultToRevert);
  }

  @Test
  void slowAwsOnTheFivePercentStepTripsTheLatencyGate() throws Exception {
    Instant wallStart = Instant.now();

    Controller.Result result = run("latency");

    assertThat(result.exit()).as(result.message() + "; events " + events).isEqualTo(ExitCode.ROLLED_BACK);
    assertThat(first(CutoverEvent.RevertIntent.class).trigger()).contains("demo-aws-p99-latency");
    assertThat(events).filteredOn(e -> e instanceof CutoverEvent.StepCompleted).isEmpty();
    assertThat(session.scenario().firstFaultStart().orElseThrow().wallTime()).isAfter(wallStart);
  }
}
