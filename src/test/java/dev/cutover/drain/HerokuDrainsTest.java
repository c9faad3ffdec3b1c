package dev.cutover.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.testkit.MutableClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class HerokuDrainsTest {
  static final String SECRET = "0123456789abcdef0123";
  static final String T = "2026-11-21T12:00:10.000001+00:00";
  static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");
  private final MutableClock clock = new MutableClock(NOON.plusSeconds(30));
  private final HerokuDrains drains = new HerokuDrains(Map.of("myapp", SECRET), clock,
      HerokuDrains.Settings.DEFAULTS);

  @Test
  void countsRealFormatRouterLinesAndSkipsGarbageWithoutFailing() {
    List<String> lines = List.of(Logplex.info(T, 200, 12), Logplex.info(T, 302, 4), Logplex.h12(T),
        Logplex.h13(T, 3), Logplex.h10(T), Logplex.appLine(T), "<158>1 " + T + " heroku router x - no status here");
    byte[] good = Logplex.body(lines);
    byte[] garbage = "19 not a syslog frame\n\n#$%^ binary junk\n40 short".getBytes(StandardCharsets.UTF_8);
    byte[] body = new byte[good.length + garbage.length];
    System.arraycopy(good, 0, body, 0, good.length);
    System.arraycopy(garbage, 0, body, good.length, garbage.length);

    HerokuDrains.Accepted a = drains.accept("myapp", "F1", lines.size(), body);

    assertThat(a.requests()).isEqualTo(5);
    assertThat(a.other()).isEqualTo(1);
    assertThat(a.malformedLines()).as("a router line without status, and a frame that is not syslog").isEqualTo(2);
    assertThat(a.malformedFrames()).isEqualTo(2);
    var minute = drains.window("myapp", NOON, NOON.plusSeconds(60));
    assertThat(minute.requests()).isEqualTo(5);
    assertThat(minute.serverErrors()).as("H12, H13 and H10 answer 503").isEqualTo(3);
    assertThat(minute.latency().samples()).as("H10 has no service time").isEqualTo(4);
    assertThat(minute.latency().max()).isBetween(29_900.0, 30_200.0);
    assertThat(drains.stats("myapp").countMismatches()).isEqualTo(1);
    assertThat(drains.lastReceived("myapp")).contains(clock.instant());
  }

  @Test
  void aBatchSentAgainWithTheSameFrameIdCountsOnce() {
    byte[] body = Logplex.body(List.of(Logplex.info(T, 200, 1), Logplex.info(T, 200, 2)));

    drains.accept("myapp", "09C557EAFCFB6CF2740EE62F62971098", 2, body);
    HerokuDrains.Accepted again = drains.accept("myapp", "09C557EAFCFB6CF2740EE62F62971098", 2, body);
    drains.accept("myapp", "ANOTHER", 2, body);

    assertThat(again.duplicate()).isTrue();
    assertThat(drains.window("myapp", NOON, NOON.plusSeconds(60)).requests()).isEqualTo(4);
    assertThat(drains.stats("myapp").duplicateBatches()).isEqualTo(1);
    assertThat(drains.stats("myapp").countMismatches()).isZero();
  }

  @Test
  void linesOutsideTheRetentionAreCountedAndSkipped() {
    byte[] body = Logplex.body(List.of(Logplex.info("2020-01-01T00:00:00+00:00", 200, 1), Logplex.info(T, 200, 1)));

    HerokuDrains.Accepted a = drains.accept("myapp", null, -1, body);

    assertThat(a.requests()).isEqualTo(1);
    assertThat(a.outsideWindow()).isEqualTo(1);
    assertThat(drains.stats("myapp").outsideWindow()).isEqualTo(1);
  }

  @Test
  void minutesAreThoseWithLines() {
    List<String> lines = new ArrayList<>();
    lines.add(Logplex.info("2026-11-21T12:00:01+00:00", 200, 1));
    lines.add(Logplex.info("2026-11-21T12:02:01+00:00", 500, 1));
    clock.set(NOON.plusSeconds(200));

    drains.accept("myapp", null, -1, Logplex.body(lines));

    assertThat(drains.minutes("myapp", NOON, NOON.plusSeconds(180))).extracting(f -> f.from())
        .containsExactly(NOON, NOON.plusSeconds(120));
  }

  @Test
  void checksTheSecretInConstantTimeAndCountsRefusals() {
    assertThat(drains.authorized("myapp", SECRET)).isTrue();
    assertThat(drains.authorized("myapp", SECRET + "x")).isFalse();
    assertThat(drains.authorized("myapp", null)).isFalse();
    assertThat(drains.authorized("other", SECRET)).isFalse();
    assertThat(drains.stats("myapp").refused()).isEqualTo(2);
  }

  @Test
  void anUnknownAppIsAMistakeThatNamesTheConfiguredOnes() {
    assertThatThrownBy(() -> drains.window("nope", NOON, NOON)).hasMessageContaining("[myapp]");
    assertThat(drains.apps()).containsExactly("myapp");
    assertThat(drains.lastReceived("myapp")).isEmpty();
  }

  @Test
  void aSecretIsNeverPrinted() {
    assertThat(new DrainSecret(SECRET).toString()).doesNotContain(SECRET);
    assertThatThrownBy(() -> new DrainSecret("short")).hasMessageContaining("16 characters");
  }
}
