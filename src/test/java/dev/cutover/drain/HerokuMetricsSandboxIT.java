package dev.cutover.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.CloudWatchMetrics;
import dev.cutover.aws.Resilient;
import dev.cutover.port.HerokuTraffic.Figures;
import dev.cutover.port.Scheduler;
import dev.cutover.sandbox.SandboxServer;
import dev.cutover.testkit.Futures;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.GetMetricDataRequest;
import software.amazon.awssdk.services.cloudwatch.model.Metric;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.MetricStat;

/**
 * Drain → {@link HerokuMetrics} → PutMetricData through the real SDK client → the sandbox CloudWatch, read back
 * with GetMetricData: the Sum of the counts per minute is the drain's, and the p99 CloudWatch computes from the
 * published Values and Counts matches the drain's own (CloudWatch API Reference, "PutMetricData": Values and
 * Counts support percentile statistics).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class HerokuMetricsSandboxIT {
  static final String SECRET = "0123456789abcdef0123";
  private Vertx vertx;
  private SandboxServer sandbox;
  private CloudWatchAsyncClient client;
  private Scheduler scheduler;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    scheduler = VertxScheduler.wallTime(vertx);
    sandbox = Futures.await(SandboxServer.start(vertx, scheduler, SandboxServer.Options.defaults()));
    client = AwsClients.cloudWatch(AwsClients.Options.DEFAULTS.withEndpoint(sandbox.endpoint())
        .withRegion(Region.US_EAST_1)
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret"))));
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    Futures.await(sandbox.close());
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void cloudWatchHoldsTheDrainsCountsAndPercentilesPerMinute() throws Exception {
    HerokuDrains drains = new HerokuDrains(Map.of("myapp", SECRET), scheduler.clock(), HerokuDrains.Settings.DEFAULTS);
    Instant minute = Instant.ofEpochSecond(AppMinutes.minuteOf(scheduler.clock().instant()) * 60).minusSeconds(120);
    SplittableRandom random = new SplittableRandom(11);
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < 2000; i++) {
      Instant at = minute.plusMillis(random.nextLong(120_000));
      String time = at.toString().replace("Z", "+00:00");
      int millis = (int) Math.round(Math.exp(Math.log(90) + 0.6 * random.nextGaussian()));
      lines.add(i % 97 == 0 ? Logplex.h12(time) : Logplex.info(time, i % 50 == 0 ? 500 : 200, millis));
    }
    drains.accept("myapp", "F1", lines.size(), Logplex.body(lines));
    CloudWatchMetrics publisher = new CloudWatchMetrics(client, new Resilient(vertx, scheduler,
        Resilient.Settings.cloudWatch(Duration.ofSeconds(5))));

    Futures.await(new HerokuMetrics(drains, publisher, scheduler, HerokuMetrics.NAMESPACE).publishNow());

    List<Figures> perMinute = drains.minutes("myapp", minute, minute.plusSeconds(120));
    assertThat(perMinute).hasSize(2);
    MetricDataResult requests = read("RequestCount", "Sum", minute);
    MetricDataResult errors = read("HTTPCode_Target_5XX_Count", "Sum", minute);
    MetricDataResult p99 = read("TargetResponseTime", "p99", minute);
    for (int i = 0; i < 2; i++) {
      Figures f = perMinute.get(i);
      assertThat(requests.values().get(i)).isEqualTo((double) f.requests());
      assertThat(errors.values().get(i)).isEqualTo((double) f.serverErrors());
      assertThat(p99.values().get(i) * 1000).as("p99 in ms, minute " + i)
          .isCloseTo(f.latency().p99(), within(f.latency().p99() * 0.05));
    }
  }

  private MetricDataResult read(String name, String stat, Instant from) throws Exception {
    GetMetricDataRequest request = GetMetricDataRequest.builder()
        .startTime(from).endTime(from.plusSeconds(120)).scanBy("TimestampAscending")
        .metricDataQueries(MetricDataQuery.builder().id("m").metricStat(MetricStat.builder()
            .metric(Metric.builder().namespace("Cutover/Heroku").metricName(name)
                .dimensions(Dimension.builder().name("App").value("myapp").build()).build())
            .period(60).stat(stat).build()).build())
        .build();
    MetricDataResult r = client.getMetricData(request).get(15, TimeUnit.SECONDS).metricDataResults().get(0);
    assertThat(r.timestamps()).containsExactly(from, from.plusSeconds(60));
    return r;
  }
}
