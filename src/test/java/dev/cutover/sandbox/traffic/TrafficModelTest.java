package dev.cutover.sandbox.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cutover.domain.Plan;
import dev.cutover.domain.RecordPair;
import dev.cutover.testkit.ManualScheduler;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.cloudwatch.CloudWatchModel;
import dev.cutover.sandbox.cloudwatch.MetricKey;
import dev.cutover.sandbox.cloudwatch.StateValue;
import dev.cutover.sandbox.route53.Change;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.RecordSet;
import dev.cutover.sandbox.route53.Route53Model;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The traffic model on a virtual clock: DNS caching, ALB-like metrics, and alarms tripping from them. */
class TrafficModelTest {
  private static final String ERRORS = "demo-aws-5xx-rate";
  private static final String LATENCY = "demo-aws-p99-latency";

  private final ManualScheduler scheduler = ManualScheduler.atNoon();
  private final Route53Model dns = new Route53Model(scheduler.clock());
  private final CloudWatchModel cloudWatch = new CloudWatchModel(scheduler.clock());
  private final Plan plan = SandboxWorld.demoPlan();
  private SandboxWorld world;
  private TrafficModel traffic;
  /** Every state each alarm took at an evaluation. */
  private final Map<String, Set<StateValue>> seen = Map.of(ERRORS, new TreeSet<>(), LATENCY, new TreeSet<>());

  @BeforeEach
  void setUp() {
    world = SandboxWorld.build(plan, dns, cloudWatch);
    traffic = world.traffic(TrafficConfig.defaults().withStatsWindow(Duration.ofSeconds(10)));
    traffic.start(scheduler);
    scheduler.periodic(Duration.ofSeconds(10), () -> {
      cloudWatch.evaluateAll();
      seen.forEach((name, states) -> states.add(state(name)));
    });
  }

  private void shift(int split) {
    List<Change> changes = new ArrayList<>();
    for (RecordSet r : dns.records(plan.zone())) {
      if (r.isWeighted()) {
        long weight = r.setIdentifier().equals("aws") ? split : 100 - split;
        changes.add(new Change(ChangeAction.UPSERT, r.withWeight(weight)));
      }
    }
    dns.changeResourceRecordSets(plan.zone(), "shift to " + split, changes);
  }

  private void run(Duration d) {
    scheduler.advance(d);
  }

  private StateValue state(String alarm) {
    return cloudWatch.alarm(alarm).orElseThrow().status().value();
  }

  private Set<String> awsMetricNames() {
    Set<String> names = new TreeSet<>();
    cloudWatch.listMetrics(Metrics.ALB_NAMESPACE, null, Map.of()).stream().map(MetricKey::metricName)
        .forEach(names::add);
    return names;
  }

  @Test
  void atSplitZeroEveryRequestGoesToHeroku() {
    run(Duration.ofMinutes(5));

    TrafficStats stats = traffic.snapshot();
    assertThat(stats.aws().totalRequests()).isZero();
    assertThat(stats.heroku().totalRequests()).isEqualTo(5 * 60 * 50);
    assertThat(stats.awsShare()).isZero();
    assertThat(stats.clientsOnAws()).isZero();
    assertThat(awsMetricNames()).as("an ALB without requests publishes nothing").isEmpty();
  }

  @Test
  void awsShareApproachesTheWeightsOnlyAfterClientCachesExpire() {
    run(Duration.ofMinutes(3));
    shift(50);

    run(Duration.ofSeconds(10));
    assertThat(traffic.snapshot().awsShare()).as("10 s after the shift most caches still say Heroku")
        .isLessThan(0.15);
    run(Duration.ofSeconds(40));
    double halfway = traffic.snapshot().awsShare();
    assertThat(halfway).isBetween(0.1, 0.45);
    run(Duration.ofSeconds(80)); // TTL 60 s + up to 60 s of client cache + the 10 s window
    TrafficStats settled = traffic.snapshot();
    assertThat(settled.awsShare()).isCloseTo(0.5, within(0.08));
    assertThat(settled.clientsOnAws()).isCloseTo(0.5, within(0.1));
  }

  @Test
  void awsErrorsAtSplitFiftyTripTheErrorRateAlarmFromThePublishedMetrics() {
    shift(50);
    run(Duration.ofMinutes(4));
    assertThat(state(ERRORS)).isEqualTo(StateValue.OK);
    assertThat(awsMetricNames()).contains(Metrics.REQUEST_COUNT, Metrics.RESPONSE_TIME);

    traffic.aws().extraErrorRate(0.08);
    run(Duration.ofSeconds(50));
    assertThat(state(ERRORS)).as("one breaching minute is not two of three").isEqualTo(StateValue.OK);
    run(Duration.ofMinutes(2));

    assertThat(state(ERRORS)).isEqualTo(StateValue.ALARM);
    assertThat(cloudWatch.alarm(ERRORS).orElseThrow().status().reason()).startsWith("Threshold Crossed");
    assertThat(awsMetricNames()).contains(Metrics.TARGET_5XX);
    assertThat(traffic.snapshot().aws().errorRate()).isCloseTo(0.08, within(0.04));
    assertThat(state(LATENCY)).isEqualTo(StateValue.OK);
  }

  @Test
  void latencyFaultOnTheFivePercentStepTripsTheP99Alarm() {
    shift(5);
    run(Duration.ofMinutes(4));
    assertThat(state(LATENCY)).isEqualTo(StateValue.OK);

    traffic.aws().latencyFactor(4);
    run(Duration.ofMinutes(3));

    assertThat(state(LATENCY)).isEqualTo(StateValue.ALARM);
    assertThat(traffic.snapshot().aws().p99Seconds()).isGreaterThan(0.5);
    assertThat(seen.get(ERRORS)).doesNotContain(StateValue.ALARM);
  }

  @Test
  void aHerokuOnlyWorldNeverTripsTheAwsAlarmsWhateverHerokuDoes() {
    traffic.heroku().extraErrorRate(0.5);
    traffic.heroku().latencyFactor(10);
    run(Duration.ofMinutes(10));

    assertThat(seen.get(ERRORS)).containsOnly(StateValue.OK);
    assertThat(seen.get(LATENCY)).as("no AWS requests: no data, never OK or ALARM")
        .containsOnly(StateValue.INSUFFICIENT_DATA);
    TrafficStats stats = traffic.snapshot();
    assertThat(stats.heroku().errorRate()).isCloseTo(0.5, within(0.1));
    assertThat(cloudWatch.listMetrics(Metrics.HEROKU_NAMESPACE, Metrics.TARGET_5XX, Map.of())).hasSize(1);
  }

  @Test
  void theHappyPathThroughEveryStepNeverTripsAnAlarm() {
    for (int split : new int[] {5, 50, 100}) {
      shift(split);
      run(Duration.ofMinutes(6));
    }
    assertThat(seen.get(ERRORS)).doesNotContain(StateValue.ALARM);
    assertThat(seen.get(LATENCY)).doesNotContain(StateValue.ALARM);
    assertThat(traffic.snapshot().awsShare()).isEqualTo(1.0);
  }

  @Test
  void clientsSpreadOverEveryRecordOfThePlan() {
    Plan two = new Plan("two", "ZTWO", List.of(new RecordPair("api.example.com.", "CNAME", "heroku", "aws"),
        new RecordPair("www.example.com.", "CNAME", "heroku", "aws")), plan.steps(), plan.gates(), plan.maxTtl(),
        plan.settle(), plan.faults());
    Route53Model dns2 = new Route53Model(scheduler.clock());
    SandboxWorld w = SandboxWorld.build(two, dns2, new CloudWatchModel(scheduler.clock()));
    List<String> asked = new ArrayList<>();
    TrafficModel t = new TrafficModel(TrafficConfig.defaults(), (name, type) -> {
      asked.add(name);
      return dns2.resolve(name, type);
    }, cloudWatch, scheduler.clock(), w.routes(), w.herokuMetrics(), w.albMetrics());
    for (int i = 0; i < 5; i++) {
      scheduler.advance(Duration.ofSeconds(1));
      t.tick();
    }
    assertThat(asked).contains("api.example.com.", "www.example.com.");
    assertThat(t.snapshot().heroku().totalRequests()).isEqualTo(250);
  }
}
