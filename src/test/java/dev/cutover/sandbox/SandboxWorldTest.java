package dev.cutover.sandbox;

import dev.cutover.testkit.ManualScheduler;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.domain.Plan;
import dev.cutover.domain.RecordPair;
import dev.cutover.plan.PlanLoad;
import dev.cutover.plan.PlanLoader;
import dev.cutover.sandbox.cloudwatch.Alarm;
import dev.cutover.sandbox.cloudwatch.CloudWatchModel;
import dev.cutover.sandbox.cloudwatch.StateValue;
import dev.cutover.sandbox.route53.Change;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.RecordSet;
import dev.cutover.sandbox.route53.Route53Model;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The world a plan expects, built in the sandbox models. */
class SandboxWorldTest {
  private final ManualScheduler scheduler = ManualScheduler.atNoon();
  private final Route53Model dns = new Route53Model(scheduler.clock());
  private final CloudWatchModel cloudWatch = new CloudWatchModel(scheduler.clock());

  private static Plan load(String file) {
    PlanLoad load = new PlanLoader().load(Path.of(file));
    assertThat(load.problems()).as("problems of " + file).isEmpty();
    return load.plan().orElseThrow();
  }

  private static Plan withRecords(Plan p, List<RecordPair> records, List<String> alarms) {
    return new Plan(p.name(), p.zone(), records, p.steps(),
        new dev.cutover.domain.GatePolicy(alarms, p.gates().poll(), p.gates().unknownLimit(),
            p.gates().onUnknown()), p.maxTtl(), p.settle(), p.faults());
  }

  private List<RecordSet> weighted(String zone, String name) {
    return dns.records(zone).stream().filter(r -> r.isWeighted() && r.name().equals(name)).toList();
  }

  @Test
  void theExamplePlansWorldHasItsZoneBothWeightedRecordsPerPairAndOneAlarmPerGate() {
    Plan plan = load("config/example.yaml");

    SandboxWorld world = SandboxWorld.build(plan, dns, cloudWatch);

    assertThat(world.zoneId()).isEqualTo("Z0123456789ABCDEFGHIJ");
    assertThat(dns.getHostedZone("Z0123456789ABCDEFGHIJ").name()).isEqualTo("example.com.");
    for (RecordPair pair : plan.records()) {
      List<RecordSet> records = weighted(plan.zone(), pair.name());
      assertThat(records).extracting(RecordSet::setIdentifier).containsExactlyInAnyOrder("heroku", "aws");
      RecordSet heroku = records.stream().filter(r -> r.setIdentifier().equals("heroku")).findFirst().orElseThrow();
      RecordSet aws = records.stream().filter(r -> r.setIdentifier().equals("aws")).findFirst().orElseThrow();
      assertThat(heroku.type()).isEqualTo("CNAME");
      assertThat(aws.type()).isEqualTo("CNAME");
      assertThat(heroku.weight()).isEqualTo(100);
      assertThat(aws.weight()).isZero();
      assertThat(heroku.ttl()).isEqualTo(60).isEqualTo(aws.ttl());
      assertThat(heroku.values()).singleElement().asString().matches("api-prod-[12]\\.herokudns\\.com\\.?");
      assertThat(aws.values()).singleElement().asString()
          .matches("api-prod-alb-\\d+\\.us-east-1\\.elb\\.amazonaws\\.com\\.?");
    }
    assertThat(world.awsSplit()).isZero();
    for (String gate : plan.gates().alarms()) {
      assertThat(cloudWatch.alarm(gate)).as(gate).get().extracting(a -> a.status().value())
          .isIn(StateValue.OK, StateValue.INSUFFICIENT_DATA);
    }
    cloudWatch.evaluateAll();
    assertThat(plan.gates().alarms()).allSatisfy(gate -> assertThat(cloudWatch.alarm(gate).orElseThrow()
        .status().value()).isIn(StateValue.OK, StateValue.INSUFFICIENT_DATA));
  }

  @Test
  void gateNamesChooseTheAlarmARelaseManagerWouldCreate() {
    Plan plan = withRecords(load("config/example.yaml"), load("config/example.yaml").records(),
        List.of("api-5xx", "api-p99", "api-latency-slo", "composite-api"));

    SandboxWorld.build(plan, dns, cloudWatch);

    Alarm.Metric errors = (Alarm.Metric) cloudWatch.alarm("api-5xx").orElseThrow();
    assertThat(errors.spec().metrics()).extracting(q -> q.expression()).contains("100*FILL(m5xx,0)/mreq");
    assertThat(errors.spec().threshold()).isEqualTo(2.0);
    assertThat(errors.spec().evaluationPeriods()).isEqualTo(3);
    assertThat(errors.spec().effectiveDatapointsToAlarm()).isEqualTo(2);
    assertThat(errors.spec().treatMissingData()).isEqualTo("notBreaching");
    for (String name : List.of("api-p99", "api-latency-slo")) {
      Alarm.Metric latency = (Alarm.Metric) cloudWatch.alarm(name).orElseThrow();
      assertThat(latency.spec().extendedStatistic()).isEqualTo("p99");
      assertThat(latency.spec().metric().metricName()).isEqualTo("TargetResponseTime");
      assertThat(latency.spec().metric().namespace()).isEqualTo("AWS/ApplicationELB");
      assertThat(latency.spec().metric().dimensions().get("LoadBalancer")).matches("app/api-prod-alb/[0-9a-f]{16}");
      assertThat(latency.spec().threshold()).isEqualTo(0.5);
      assertThat(latency.spec().period()).isEqualTo(60);
      assertThat(latency.spec().treatMissingData()).isEqualTo("missing");
    }
    Alarm.Composite composite = (Alarm.Composite) cloudWatch.alarm("composite-api").orElseThrow();
    assertThat(composite.spec().alarmRule())
        .isEqualTo("ALARM(\"api-5xx\") OR ALARM(\"api-p99\") OR ALARM(\"api-latency-slo\")");
    assertThat(composite.status().value()).isEqualTo(StateValue.OK);
  }

  @Test
  void theZoneIsTheLongestCommonParentWithAtLeastTwoLabels() {
    assertThat(SandboxWorld.zoneNameOf(List.of(new RecordPair("api.example.com", "CNAME", "h", "a"),
        new RecordPair("www.example.com.", "CNAME", "h", "a")))).isEqualTo("example.com.");
    assertThat(SandboxWorld.zoneNameOf(List.of(new RecordPair("api.demo.example.com.", "CNAME", "h", "a"))))
        .isEqualTo("demo.example.com.");
    assertThat(SandboxWorld.zoneNameOf(List.of(new RecordPair("a.b.shop.example.com.", "CNAME", "h", "a"),
        new RecordPair("c.shop.example.com.", "CNAME", "h", "a")))).isEqualTo("shop.example.com.");
    assertThatThrownBy(() -> SandboxWorld.zoneNameOf(List.of(new RecordPair("api.example.com.", "CNAME", "h", "a"),
        new RecordPair("api.example.org.", "CNAME", "h", "a"))))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("share no parent domain");
  }

  @Test
  void buildingAgainPutsEveryRecordBackOnHeroku() {
    Plan plan = load("config/example.yaml");
    SandboxWorld world = SandboxWorld.build(plan, dns, cloudWatch);
    dns.changeResourceRecordSets(plan.zone(), null, dns.records(plan.zone()).stream().filter(RecordSet::isWeighted)
        .map(r -> new Change(ChangeAction.UPSERT, r.withWeight(50))).toList());
    assertThat(world.awsSplit()).isEqualTo(50);

    SandboxWorld again = SandboxWorld.build(plan, dns, cloudWatch);

    assertThat(again.awsSplit()).isZero();
    assertThat(dns.records(plan.zone())).filteredOn(RecordSet::isWeighted).hasSize(4);
  }

  @Test
  void onlyCnamePairsCanBeBuilt() {
    Plan plan = load("config/example.yaml");
    Plan alias = withRecords(plan, List.of(new RecordPair("api.example.com.", "A", "heroku", "aws")),
        plan.gates().alarms());
    assertThatThrownBy(() -> SandboxWorld.build(alias, dns, cloudWatch))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("write type: CNAME");
  }

  @Test
  void theDemoPlanFileIsTheDemoPlanAndFitsTheWallTimeBudget() {
    Plan file = load("config/demo.yaml");

    assertThat(file).isEqualTo(SandboxWorld.demoPlan());
    assertThat(file.steps()).extracting(s -> s.split().percent()).containsExactly(5, 50, 100);
    // worst case per step: INSYNC 60 s + 10 s of GetChange polling + bake + one 10 s poll; plus 2m Inconclusive
    Duration worst = Duration.ofMinutes(2);
    for (int i = 0; i < file.steps().size(); i++) {
      worst = worst.plus(Duration.ofSeconds(80)).plus(file.bakeOf(i));
    }
    double wallSeconds = worst.toSeconds() / SandboxWorld.DEMO_SPEED;
    assertThat(wallSeconds).isLessThan(30);
  }
}
