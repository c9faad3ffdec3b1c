package dev.cutover.sandbox;

import dev.cutover.testkit.ManualScheduler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.sandbox.cloudwatch.CloudWatchFaults;
import dev.cutover.sandbox.cloudwatch.CloudWatchModel;
import dev.cutover.sandbox.route53.Route53Error;
import dev.cutover.sandbox.route53.Route53Model;
import dev.cutover.sandbox.traffic.Backend.Side;
import dev.cutover.sandbox.traffic.TrafficConfig;
import dev.cutover.sandbox.traffic.TrafficModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenarios: built-ins, files, triggers by time and by split, durations, and messages for bad files. */
class ScenarioTest {
  private final ManualScheduler scheduler = ManualScheduler.atNoon();
  private final Route53Model dns = new Route53Model(scheduler.clock());
  private final CloudWatchModel cloudWatch = new CloudWatchModel(scheduler.clock());
  private final CloudWatchFaults cloudWatchFaults = new CloudWatchFaults(scheduler.clock());
  private final SandboxWorld world = SandboxWorld.build(SandboxWorld.demoPlan(), dns, cloudWatch);
  private final TrafficModel traffic = world.traffic(TrafficConfig.defaults());
  private final FaultTargets targets = new FaultTargets(traffic, dns.faults(), cloudWatchFaults);
  private final AtomicInteger split = new AtomicInteger();

  private ScenarioRun play(String yaml) {
    ScenarioRun run = new ScenarioRun(Scenario.parse(yaml, Path.of("test.yaml")), targets, split::get,
        scheduler.clock(), Clock.systemUTC());
    run.start(scheduler);
    return run;
  }

  private static String problemOf(String yaml) {
    try {
      Scenario.parse(yaml, Path.of("bad.yaml"));
    } catch (IllegalArgumentException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected the scenario to be refused:\n" + yaml);
  }

  @Test
  void everyBuiltInParsesAndDescribesItselfInOneLine() {
    assertThat(Scenario.builtInNames())
        .containsExactly("happy", "aws-errors", "latency", "throttling", "cloudwatch-outage");
    for (String name : Scenario.builtInNames()) {
      Scenario s = Scenario.builtIn(name);
      assertThat(s.name()).isEqualTo(name);
      assertThat(s.describe()).startsWith(name + ": ").doesNotContain("\n").hasSizeGreaterThan(30);
    }
    assertThat(Scenario.builtIn("happy").faults()).isEmpty();
    assertThat(Scenario.builtIn("aws-errors").faults()).singleElement().satisfies(f -> {
      assertThat(f.whenSplitAtLeast()).isEqualTo(50);
      assertThat(f.effect()).isEqualTo(new Effect.ErrorRate(Side.AWS, 0.08));
    });
    assertThat(Scenario.builtIn("latency").faults().get(0).describe())
        .isEqualTo("at 90s, when split >= 5%: aws.latencyFactor: 4.0");
    assertThat(Scenario.builtIn("cloudwatch-outage").faults().get(0).duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(Scenario.load("throttling")).isEqualTo(Scenario.builtIn("throttling"));
  }

  @Test
  void aScenarioFileIsReadWithItsFileNameAsDefaultName(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("slow-then-broken.yaml");
    Files.writeString(file, """
        description: AWS gets slow, then Route 53 fails
        faults:
          - at: 1m
            aws.latencyFactor: 3
          - whenSplitAtLeast: 50
            for: 45s
            route53.errors: 500
          - at: 10m
            heroku.errorRate: 0.01
        """);

    Scenario s = Scenario.load(file.toString());

    assertThat(s.name()).isEqualTo("slow-then-broken");
    assertThat(s.describe()).isEqualTo("slow-then-broken: AWS gets slow, then Route 53 fails");
    assertThat(s.faults()).extracting(Fault::effect).containsExactly(new Effect.LatencyFactor(Side.AWS, 3),
        new Effect.Route53Errors(500), new Effect.ErrorRate(Side.HEROKU, 0.01));
    assertThat(s.faults().get(1).duration()).isEqualTo(Duration.ofSeconds(45));
  }

  @Test
  void aTimeTriggerFiresAtItsSimulatedTimeAndRecordsBothClocks() {
    Instant wallBefore = Instant.now();
    ScenarioRun run = play("faults: [ { at: 2m, aws.errorRate: 0.08 } ]");

    scheduler.advance(Duration.ofSeconds(119));
    assertThat(traffic.aws().extraErrorRate()).isZero();
    assertThat(run.firstFaultStart()).isEmpty();
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(traffic.aws().extraErrorRate()).isEqualTo(0.08);
    FaultEvent started = run.firstFaultStart().orElseThrow();
    assertThat(started.kind()).isEqualTo(FaultEvent.Kind.STARTED);
    assertThat(started.sinceStart()).isEqualTo(Duration.ofMinutes(2));
    assertThat(started.simulatedTime()).isEqualTo(run.startedAt().orElseThrow().plus(Duration.ofMinutes(2)));
    assertThat(started.wallTime()).isAfterOrEqualTo(wallBefore);
    assertThat(started.description()).isEqualTo("at 2m: aws.errorRate: 0.08");
  }

  @Test
  void aSplitTriggerWaitsForTheAwsShareOfTheRecords() {
    ScenarioRun run = play("faults: [ { whenSplitAtLeast: 50, aws.latencyFactor: 4 } ]");
    split.set(5);
    scheduler.advance(Duration.ofMinutes(10));
    assertThat(traffic.aws().latencyFactor()).isEqualTo(1.0);

    split.set(50);
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(traffic.aws().latencyFactor()).isEqualTo(4.0);
    assertThat(run.events()).hasSize(1);
  }

  @Test
  void theSplitTriggerReadsTheRoute53Model() {
    ScenarioRun run = new ScenarioRun(Scenario.builtIn("aws-errors"), targets, world::awsSplit, scheduler.clock(),
        Clock.systemUTC());
    run.start(scheduler);
    scheduler.advance(Duration.ofSeconds(5));
    assertThat(world.awsSplit()).isZero();
    assertThat(traffic.aws().extraErrorRate()).isZero();

    dns.changeResourceRecordSets(world.zoneId(), null, dns.records(world.zoneId()).stream()
        .filter(r -> r.isWeighted())
        .map(r -> new dev.cutover.sandbox.route53.Change(dev.cutover.sandbox.route53.ChangeAction.UPSERT,
            r.withWeight(50)))
        .toList());
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(world.awsSplit()).isEqualTo(50);
    assertThat(traffic.aws().extraErrorRate()).isEqualTo(0.08);
  }

  @Test
  void aFaultWithForEndsAfterItsDuration() {
    ScenarioRun run = play("""
        faults:
          - { at: 10s, for: 30s, route53.throttle: true }
          - { at: 10s, for: 1m, cloudwatch.unavailable: true }
          - { at: 10s, for: 20s, aws.errorRate: 0.5 }
        """);
    scheduler.advance(Duration.ofSeconds(10));
    assertThatThrownBy(() -> dns.faults().admit()).isInstanceOf(Route53Error.class)
        .satisfies(e -> assertThat(((Route53Error) e).code()).isEqualTo("Throttling"));
    assertThat(cloudWatchFaults.active()).isPresent();
    assertThat(traffic.aws().extraErrorRate()).isEqualTo(0.5);

    scheduler.advance(Duration.ofSeconds(30));
    assertThatCode(() -> dns.faults().admit()).doesNotThrowAnyException();
    assertThat(traffic.aws().extraErrorRate()).isZero();
    assertThat(cloudWatchFaults.active()).isPresent();
    scheduler.advance(Duration.ofSeconds(30));
    assertThat(cloudWatchFaults.active()).isEmpty();

    assertThat(run.events()).extracting(FaultEvent::kind).containsExactly(FaultEvent.Kind.STARTED,
        FaultEvent.Kind.STARTED, FaultEvent.Kind.STARTED, FaultEvent.Kind.ENDED, FaultEvent.Kind.ENDED,
        FaultEvent.Kind.ENDED);
    assertThat(run.events().get(5).sinceStart()).isEqualTo(Duration.ofSeconds(70));
  }

  @Test
  void stoppingTheRunClearsActiveFaults() {
    ScenarioRun run = play("faults: [ { at: 0s, route53.errors: 503 }, { at: 0s, heroku.latencyFactor: 2 } ]");
    scheduler.advance(Duration.ofSeconds(1));
    assertThatThrownBy(() -> dns.faults().admit()).isInstanceOf(Route53Error.class);

    run.stop();

    assertThatCode(() -> dns.faults().admit()).doesNotThrowAnyException();
    assertThat(traffic.heroku().latencyFactor()).isEqualTo(1.0);
  }

  @Test
  void badFilesNameTheFieldAndTheFix() {
    assertThat(problemOf("faults: [ { whenSplitAtLeast: 50, aws.errorRate: 1.5 } ]"))
        .contains("faults[0].aws.errorRate: `1.5` is not a share from 0 to 1; write e.g. aws.errorRate: 0.08");
    assertThat(problemOf("faults: [ { at: 120, aws.errorRate: 0.1 } ]"))
        .contains("faults[0].at: `120` is not a duration; write it with its unit, e.g. at: 120s");
    assertThat(problemOf("faults: [ { at: 1m, aws.errorRate: 0.1 }, { at: 2m, aws.eror: 0.1 } ]"))
        .contains("faults[1].aws.eror: unknown key").contains("faults[1]: no effect; add one of aws.errorRate");
    assertThat(problemOf("faults: [ { aws.errorRate: 0.1 } ]"))
        .contains("faults[0]: no trigger; add `at: 2m`");
    assertThat(problemOf("faults: [ { at: 1m, aws.errorRate: 0.1, route53.throttle: true } ]"))
        .contains("faults[0]: 2 effects (aws.errorRate, route53.throttle)").contains("one fault per effect");
    assertThat(problemOf("faults: [ { at: 1m, route53.throttle: false } ]"))
        .contains("faults[0].route53.throttle: `false` must be true");
    assertThat(problemOf("faults: [ { at: 1m, route53.errors: 404 } ]"))
        .contains("faults[0].route53.errors: `404`").contains("503");
    assertThat(problemOf("faults: [ { whenSplitAtLeast: 150, aws.errorRate: 0.1 } ]"))
        .contains("faults[0].whenSplitAtLeast: `150` is not a whole percent from 0 to 100");
    assertThat(problemOf("faults: [ { at: 1m, for: 0s, aws.errorRate: 0.1 } ]"))
        .contains("faults[0].for: must be longer than 0s");
    assertThat(problemOf("faults:\n  at: 1m\n")).contains("faults: must be a list");
    assertThat(problemOf("fautls: []")).contains("fautls: unknown key").contains("faults: missing");
    assertThat(problemOf("faults: [ { at: 1m\n")).startsWith("scenario bad.yaml: not valid YAML at line");
    assertThat(problemOf("")).contains("the file is empty");
    assertThat(problemOf("- at: 1m")).contains("a scenario is a mapping");
    assertThatThrownBy(() -> Scenario.load("no-such-scenario"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("neither a built-in scenario (happy, aws-errors,");
  }

  @Test
  void allProblemsOfAFileAreReportedTogether() {
    String problem = problemOf("""
        faults:
          - { at: 1m, aws.errorRate: 2 }
          - { at: 1x, cloudwatch.unavailable: true }
        """);
    assertThat(problem).startsWith("scenario bad.yaml has 2 problems:")
        .contains("faults[0].aws.errorRate").contains("faults[1].at");
  }
}
