package dev.cutover.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cutover.port.MetricPublisher;
import dev.cutover.testkit.ManualScheduler;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --publish-heroku-metrics} on a virtual clock, with a hand-written publisher. */
class HerokuMetricsTest {
  static final String SECRET = "0123456789abcdef0123";
  private final ManualScheduler scheduler = ManualScheduler.atNoon();
  private final Instant noon = scheduler.now();
  private final HerokuDrains drains = new HerokuDrains(Map.of("myapp", SECRET, "other", SECRET),
      scheduler.clock(), HerokuDrains.Settings.DEFAULTS);
  private final Recording publisher = new Recording();
  private final HerokuMetrics metrics = new HerokuMetrics(drains, publisher, scheduler, HerokuMetrics.NAMESPACE);

  /** Keeps every call; fails while {@code failing}. */
  static final class Recording implements MetricPublisher {
    final List<List<Datum>> calls = new ArrayList<>();
    boolean failing;

    @Override
    public Future<Void> publish(String namespace, List<Datum> data) {
      assertThat(namespace).isEqualTo("Cutover/Heroku");
      if (failing) {
        return Future.failedFuture(new IllegalStateException("CloudWatch PutMetricData failed: AccessDenied"));
      }
      calls.add(data);
      return Future.succeededFuture();
    }

    List<Datum> all() {
      return calls.stream().flatMap(List::stream).toList();
    }
  }

  private void deliver(String app, String... lines) {
    drains.accept(app, null, -1, Logplex.body(List.of(lines)));
  }

  private static String at(Instant t) {
    return t.toString().replace("Z", "+00:00");
  }

  @Test
  void publishesEachMinutesCountsAndLatencyValuesPerApp() {
    deliver("myapp", Logplex.info(at(noon), 200, 10), Logplex.info(at(noon), 200, 10), Logplex.h12(at(noon)));
    metrics.start(HerokuMetrics.EVERY);

    scheduler.advance(Duration.ofMinutes(1));

    assertThat(publisher.calls).hasSize(1);
    List<MetricPublisher.Datum> data = publisher.calls.get(0);
    assertThat(data).extracting(MetricPublisher.Datum::metric)
        .containsExactly("RequestCount", "HTTPCode_Target_5XX_Count", "TargetResponseTime");
    assertThat(data).allSatisfy(d -> {
      assertThat(d.dimensions()).isEqualTo(Map.of("App", "myapp"));
      assertThat(d.timestamp()).isEqualTo(noon);
    });
    assertThat(data.get(0).values()).containsExactly(3);
    assertThat(data.get(1).values()).containsExactly(1);
    MetricPublisher.Datum latency = data.get(2);
    assertThat(latency.unit()).isEqualTo(MetricPublisher.Unit.SECONDS);
    assertThat(latency.values()[0]).isEqualTo(0.010);
    assertThat(latency.values()[1]).as("the sketch's 1%% precision").isCloseTo(30.0, within(0.3));
    assertThat(latency.counts()).containsExactly(2, 1);
  }

  @Test
  void aLateLineIsSentLaterStampedWithItsOwnMinute() {
    metrics.start(HerokuMetrics.EVERY);
    deliver("myapp", Logplex.info(at(noon.plusSeconds(5)), 200, 10));
    scheduler.advance(Duration.ofMinutes(1));

    deliver("myapp", Logplex.info(at(noon.plusSeconds(30)), 503, 20), Logplex.info(at(noon.plusSeconds(65)), 200, 5));
    scheduler.advance(Duration.ofMinutes(1));

    assertThat(publisher.calls).hasSize(2);
    List<MetricPublisher.Datum> second = publisher.calls.get(1);
    assertThat(second).filteredOn(d -> d.metric().equals("RequestCount"))
        .extracting(MetricPublisher.Datum::timestamp).containsExactly(noon, noon.plusSeconds(60));
    double requests = publisher.all().stream().filter(d -> d.metric().equals("RequestCount")
        && d.timestamp().equals(noon)).mapToDouble(d -> d.values()[0]).sum();
    assertThat(requests).as("CloudWatch adds the two datapoints of noon").isEqualTo(2);
  }

  @Test
  void sendsNothingForAQuietMinute() {
    metrics.start(HerokuMetrics.EVERY);
    deliver("myapp", Logplex.appLine(at(noon)));

    scheduler.advance(Duration.ofMinutes(3));

    assertThat(publisher.calls).isEmpty();
  }

  @Test
  void whatFailsIsSentWithTheNextRound() {
    metrics.start(HerokuMetrics.EVERY);
    deliver("myapp", Logplex.info(at(noon), 200, 10));
    publisher.failing = true;
    scheduler.advance(Duration.ofMinutes(1));

    publisher.failing = false;
    deliver("myapp", Logplex.info(at(noon.plusSeconds(1)), 200, 10));
    scheduler.advance(Duration.ofMinutes(1));

    assertThat(publisher.calls).hasSize(1);
    assertThat(publisher.calls.get(0).get(0).values()).containsExactly(2);
  }

  @Test
  void aFailingAppDoesNotHoldBackTheOthers() {
    deliver("myapp", Logplex.info(at(noon), 200, 10));
    deliver("other", Logplex.info(at(noon), 200, 10));
    MetricPublisher failsForMyapp = (ns, data) -> data.get(0).dimensions().get("App").equals("myapp")
        ? Future.failedFuture(new IllegalStateException("denied")) : publisher.publish(ns, data);

    Future<Void> round = new HerokuMetrics(drains, failsForMyapp, scheduler, HerokuMetrics.NAMESPACE).publishNow();

    assertThat(round.failed()).isTrue();
    assertThat(publisher.all()).extracting(d -> d.dimensions().get("App")).containsOnly("other");
  }

  @Test
  void stopPublishesWhatIsLeft() {
    metrics.start(HerokuMetrics.EVERY);
    deliver("myapp", Logplex.info(at(noon), 200, 10));

    metrics.stop();
    scheduler.advance(Duration.ofMinutes(5));

    assertThat(publisher.calls).hasSize(1);
    assertThat(scheduler.activeTimers()).isZero();
  }

  @Test
  void aMinuteWithManyDistinctTimesStaysWithinTheValuesLimit() {
    String[] lines = new String[3000];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = Logplex.info(at(noon), 200, 1 + i * 10);
    }
    deliver("myapp", lines);

    metrics.publishNow();

    MetricPublisher.Datum latency = publisher.calls.get(0).get(2);
    assertThat(latency.values().length).isLessThanOrEqualTo(MetricPublisher.MAX_VALUES);
    assertThat(latency.samples()).isEqualTo(3000);
    assertThat(Arrays.stream(latency.values()).max().getAsDouble()).as("within its group of about 7%%")
        .isCloseTo(29.991, within(29.991 * 0.07));
  }
}
