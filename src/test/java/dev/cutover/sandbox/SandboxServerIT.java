package dev.cutover.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.Plan;
import dev.cutover.sandbox.route53.Route53Model;
import dev.cutover.sandbox.traffic.TrafficConfig;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.AlarmType;
import software.amazon.awssdk.services.cloudwatch.model.DescribeAlarmsResponse;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/** One sandbox server answers real Route 53 and CloudWatch SDK clients at the same endpoint, in scheduler time. */
class SandboxServerIT {
  /** One Netty client for the class: closing a Netty event loop takes seconds. The SDK leaves it open. */
  private static SdkAsyncHttpClient http;
  private Vertx vertx;
  private SandboxServer server;
  private Route53AsyncClient route53;
  private CloudWatchAsyncClient cloudWatch;

  @BeforeAll
  static void sharedHttpClient() {
    http = NettyNioAsyncHttpClient.builder().connectionTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void closeHttpClient() {
    http.close();
  }

  private void start(double speed, SandboxServer.Options options) throws Exception {
    vertx = Vertx.vertx();
    server = await(SandboxServer.start(vertx, VertxScheduler.scaled(vertx, speed), options)
        .toCompletionStage().toCompletableFuture());
    var credentials = StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOX", "secret"));
    route53 = Route53AsyncClient.builder().endpointOverride(server.endpoint()).region(Region.AWS_GLOBAL)
        .credentialsProvider(credentials).httpClient(http)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
    cloudWatch = CloudWatchAsyncClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(credentials).httpClient(http)
        .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
  }

  @AfterEach
  void stop() throws Exception {
    if (route53 != null) {
      route53.close();
      cloudWatch.close();
    }
    if (server != null) {
      await(server.close().toCompletionStage().toCompletableFuture());
    }
    if (vertx != null) {
      await(vertx.close().toCompletionStage().toCompletableFuture());
    }
  }

  private static <T> T await(CompletableFuture<T> f) throws Exception {
    return f.get(20, TimeUnit.SECONDS);
  }

  /** Polls {@code condition} every 20 ms of wall time for at most {@code wallSeconds}. */
  private static boolean eventually(double wallSeconds, Supplier<Boolean> condition) throws InterruptedException {
    long deadline = System.nanoTime() + (long) (wallSeconds * 1e9);
    while (System.nanoTime() < deadline) {
      if (condition.get()) {
        return true;
      }
      Thread.sleep(20);
    }
    return condition.get();
  }

  @Test
  void oneEndpointAnswersTheRoute53AndTheCloudWatchSdkClients() throws Exception {
    start(1, SandboxServer.Options.defaults());
    Plan plan = SandboxWorld.demoPlan();
    SandboxWorld.build(plan, server);

    assertThat(server.endpoint().toString()).isEqualTo("http://127.0.0.1:" + server.port());
    List<ResourceRecordSet> records = await(route53.listResourceRecordSets(r -> r.hostedZoneId(plan.zone())))
        .resourceRecordSets();
    assertThat(records).filteredOn(r -> r.setIdentifier() != null)
        .extracting(ResourceRecordSet::setIdentifier, ResourceRecordSet::weight)
        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("heroku", 100L),
            org.assertj.core.groups.Tuple.tuple("aws", 0L));
    DescribeAlarmsResponse alarms = await(cloudWatch.describeAlarms(r -> r.alarmNames(plan.gates().alarms())
        .alarmTypes(AlarmType.METRIC_ALARM, AlarmType.COMPOSITE_ALARM)));
    assertThat(alarms.metricAlarms()).extracting(a -> a.alarmName())
        .containsExactlyInAnyOrderElementsOf(plan.gates().alarms());
    assertThat(await(route53.getHostedZone(r -> r.id(plan.zone()))).hostedZone().name())
        .isEqualTo("demo.example.com.");
  }

  @Test
  void aChangeStaysPendingForTheInsyncDelayOfSchedulerTime() throws Exception {
    // 600x: 20-60 s of scheduler time are 33-100 ms of wall time
    start(600, SandboxServer.Options.defaults());
    Plan plan = SandboxWorld.demoPlan();
    SandboxWorld.build(plan, server);
    Change up = Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(r -> r
        .name("api.demo.example.com.").type("CNAME").setIdentifier("aws").weight(5L).ttl(60L)
        .resourceRecords(ResourceRecord.builder().value(server.route53()
            .resolve("api.demo.example.com.", "CNAME").orElseThrow().candidates().stream()
            .filter(c -> "aws".equals(c.setIdentifier())).findFirst().orElseThrow().values().get(0)).build()))
        .build();

    var info = await(route53.changeResourceRecordSets(r -> r.hostedZoneId(plan.zone())
        .changeBatch(b -> b.changes(up)))).changeInfo();

    assertThat(info.status()).isEqualTo(ChangeStatus.PENDING);
    assertThat(eventually(5, () -> route53.getChange(r -> r.id(info.id())).join().changeInfo().status()
        == ChangeStatus.INSYNC)).isTrue();
    assertThat(server.route53().insyncDelay()).isBetween(Duration.ofSeconds(20), Duration.ofSeconds(60));
  }

  @Test
  void aSessionsTrafficTripsAnAlarmThatTheSdkSeesThroughThePeriodicEvaluation() throws Exception {
    start(1, SandboxServer.Options.defaults()); // only for the SDK clients' Vert.x; the session has its own server
    VertxScheduler fast = VertxScheduler.scaled(vertx, 300);
    SandboxSession session = await(SandboxSession.start(vertx, fast, SandboxWorld.demoPlan(),
        Scenario.builtIn("aws-errors"), SandboxServer.Options.defaults(),
        TrafficConfig.defaults().withExtraCache(Duration.ZERO, Duration.ZERO)).toCompletionStage()
        .toCompletableFuture());
    try {
      CloudWatchAsyncClient client = CloudWatchAsyncClient.builder().endpointOverride(session.endpoint())
          .region(Region.US_EAST_1).httpClient(http)
          .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKID", "secret")))
          .overrideConfiguration(c -> c.retryStrategy(AwsRetryStrategy.doNotRetry())).build();
      Route53Model dns = session.server().route53();
      dns.changeResourceRecordSets(session.world().zoneId(), null, dns.records(session.world().zoneId()).stream()
          .filter(r -> r.isWeighted()).map(r -> new dev.cutover.sandbox.route53.Change(
              dev.cutover.sandbox.route53.ChangeAction.UPSERT, r.withWeight(50)))
          .toList());

      // 2 of 3 one-minute periods + evaluation: about 3 simulated minutes, 0.6 s of wall time at 300x
      boolean tripped = eventually(15, () -> client.describeAlarms(r -> r.alarmNames("demo-aws-5xx-rate"))
          .join().metricAlarms().get(0).stateValue() == StateValue.ALARM);

      assertThat(tripped).as("5xx alarm trips; traffic " + session.traffic().snapshot().line()).isTrue();
      FaultEvent fault = session.scenario().firstFaultStart().orElseThrow();
      assertThat(fault.description()).isEqualTo("when split >= 50%: aws.errorRate: 0.08");
      assertThat(session.traffic().snapshot().aws().totalRequests()).isPositive();
      client.close();
    } finally {
      await(session.close().toCompletionStage().toCompletableFuture());
    }
  }
}
