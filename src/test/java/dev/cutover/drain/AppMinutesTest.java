package dev.cutover.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.cutover.port.HerokuTraffic.Figures;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AppMinutesTest {
  static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");
  private final AppMinutes minutes = new AppMinutes(Duration.ofHours(1));

  private static RouterLine.Request ok(Instant at, long millis) {
    return new RouterLine.Request(at, 200, millis, null);
  }

  @Test
  void countsRequestsAndServerErrorsPerMinuteByTheRoutersTimestamp() {
    Instant now = NOON.plusSeconds(150);
    minutes.add(ok(NOON.plusSeconds(5), 10), now);
    minutes.add(ok(NOON.plusSeconds(59), 10), now);
    minutes.add(new RouterLine.Request(NOON.plusSeconds(61), 503, 30_000, "H12"), now);
    minutes.add(new RouterLine.Request(NOON.plusSeconds(62), 404, 3, null), now);
    minutes.add(new RouterLine.Request(NOON.plusSeconds(63), 503, -1, "H10"), now);

    List<Figures> per = minutes.minutes(NOON, NOON.plusSeconds(180));

    assertThat(per).hasSize(2);
    assertThat(per.get(0)).extracting(Figures::from, Figures::to, Figures::requests, Figures::serverErrors)
        .containsExactly(NOON, NOON.plusSeconds(60), 2L, 0L);
    assertThat(per.get(1)).extracting(Figures::requests, Figures::serverErrors).containsExactly(3L, 2L);
    assertThat(per.get(1).latency().samples()).as("H10 has no service time").isEqualTo(2);
    assertThat(per.get(1).errorRate()).isEqualTo(2.0 / 3);
  }

  @Test
  void percentilesComeFromTheSketchWithinOnePercent() {
    Instant now = NOON.plusSeconds(60);
    for (int ms = 1; ms <= 1000; ms++) {
      minutes.add(ok(NOON.plusMillis(ms), ms), now);
    }

    var latency = minutes.window(NOON, NOON.plusSeconds(60)).latency();

    assertThat(latency.samples()).isEqualTo(1000);
    assertThat(latency.p50()).isCloseTo(500, within(5.0));
    assertThat(latency.p90()).isCloseTo(900, within(9.0));
    assertThat(latency.p99()).isCloseTo(990, within(10.0));
    assertThat(latency.max()).isCloseTo(1000, within(10.0));
  }

  @Test
  void aWindowMergesItsMinutesBeforeTakingPercentiles() {
    // minute 1: 99 fast requests; minute 2: one slow one. The window's p99 is fast, its max is slow; an average of
    // per-minute p99s would say (10 + 5000) / 2.
    Instant now = NOON.plusSeconds(120);
    for (int i = 0; i < 99; i++) {
      minutes.add(ok(NOON.plusSeconds(1), 10), now);
    }
    minutes.add(ok(NOON.plusSeconds(61), 5000), now);

    Figures window = minutes.window(NOON, NOON.plusSeconds(120));

    assertThat(window.requests()).isEqualTo(100);
    assertThat(window.latency().p99()).isEqualTo(10);
    assertThat(window.latency().max()).isCloseTo(5000, within(50.0));
    assertThat(window.from()).isEqualTo(NOON);
    assertThat(window.to()).isEqualTo(NOON.plusSeconds(120));
  }

  @Test
  void anEmptyWindowHasNoRequestsAndNoLatency() {
    Figures empty = minutes.window(NOON, NOON.plusSeconds(60));

    assertThat(empty.requests()).isZero();
    assertThat(empty.errorRate()).isNaN();
    assertThat(empty.latency().p99()).isNaN();
  }

  @Test
  void refusesLinesBeforeTheRetentionOrFarAheadOfTheClock() {
    Instant now = NOON.plus(Duration.ofHours(2));

    assertThat(minutes.add(ok(NOON, 1), now)).isFalse();
    assertThat(minutes.add(ok(now.plus(Duration.ofMinutes(6)), 1), now)).isFalse();
    assertThat(minutes.add(ok(now.plus(Duration.ofMinutes(4)), 1), now)).isTrue();
    assertThat(minutes.add(ok(now.minus(Duration.ofMinutes(59)), 1), now)).isTrue();
  }

  @Test
  void forgetsMinutesOlderThanTheRetention() {
    minutes.add(ok(NOON, 1), NOON);
    minutes.add(ok(NOON.plus(Duration.ofMinutes(90)), 1), NOON.plus(Duration.ofMinutes(90)));

    assertThat(minutes.minutes(NOON, NOON.plus(Duration.ofHours(2)))).hasSize(1);
  }

  @Test
  void unpublishedHoldsOnlyWhatArrivedSinceTheLastTake() {
    Instant now = NOON.plusSeconds(90);
    minutes.add(ok(NOON.plusSeconds(1), 10), now);
    minutes.add(new RouterLine.Request(NOON.plusSeconds(2), 500, 20, null), now);
    List<AppMinutes.Unpublished> first = minutes.takeUnpublished();

    minutes.add(ok(NOON.plusSeconds(3), 30), now); // a late line of the same minute
    minutes.add(ok(NOON.plusSeconds(61), 40), now);
    List<AppMinutes.Unpublished> second = minutes.takeUnpublished();

    assertThat(first).singleElement().extracting(AppMinutes.Unpublished::requests,
        AppMinutes.Unpublished::serverErrors).containsExactly(2L, 1L);
    assertThat(second).extracting(AppMinutes.Unpublished::minute).containsExactly(NOON, NOON.plusSeconds(60));
    assertThat(second.get(0).requests()).isEqualTo(1);
    assertThat(second.get(0).latency().getTotalCount()).isEqualTo(1);
    assertThat(minutes.takeUnpublished()).isEmpty();
    assertThat(minutes.window(NOON, NOON.plusSeconds(60)).requests()).as("the figures keep everything").isEqualTo(3);
  }

  @Test
  void whatCouldNotBePublishedComesBackWithTheNextTake() {
    Instant now = NOON.plusSeconds(30);
    minutes.add(ok(NOON.plusSeconds(1), 10), now);
    List<AppMinutes.Unpublished> failed = minutes.takeUnpublished();
    minutes.add(ok(NOON.plusSeconds(2), 20), now);

    minutes.putBack(failed);

    List<AppMinutes.Unpublished> again = minutes.takeUnpublished();
    assertThat(again).singleElement().extracting(AppMinutes.Unpublished::requests).isEqualTo(2L);
    assertThat(again.get(0).latency().getTotalCount()).isEqualTo(2);
  }

  @Test
  void serviceTimesOverAnHourCountAsAnHour() {
    minutes.add(ok(NOON, Duration.ofHours(5).toMillis()), NOON);

    assertThat(minutes.window(NOON, NOON.plusSeconds(60)).latency().max())
        .isCloseTo(AppMinutes.MAX_MILLIS, within(AppMinutes.MAX_MILLIS * 0.01));
  }
}
