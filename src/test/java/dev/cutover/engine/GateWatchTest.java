package dev.cutover.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.AlarmStatus;
import dev.cutover.domain.Verdict;
import dev.cutover.port.Signals;
import dev.cutover.testkit.ManualScheduler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The gates' own clock on a virtual scheduler: a reading per poll on the poll grid, bounded, stamped when asked. */
class GateWatchTest {
  static final Duration POLL = Duration.ofSeconds(1);
  static final Duration BOUND = Duration.ofMillis(750);
  final ManualScheduler scheduler = new ManualScheduler(Instant.parse("2026-11-21T12:00:00.400Z"));
  final List<Observation.GatesRead> readings = new ArrayList<>();
  final List<Promise<List<AlarmStatus>>> calls = new ArrayList<>();

  /** CloudWatch that answers only when the test says so (or never: a hung endpoint). */
  final Signals hung = names -> {
    Promise<List<AlarmStatus>> p = Promise.promise();
    calls.add(p);
    return p.future();
  };

  GateWatch watch(Signals signals) {
    return new GateWatch(scheduler, new GateReader(signals), List.of("api-5xx"), POLL, BOUND, readings::add);
  }

  @Test
  void ticksFallOnThePollGridSoManyCutoversShareOneBatchedRead() {
    assertThat(PollTimer.nextOnGrid(Instant.parse("2026-11-21T12:00:00.400Z"), Duration.ofSeconds(10)))
        .isEqualTo(Instant.parse("2026-11-21T12:00:10Z"));
    assertThat(PollTimer.nextOnGrid(Instant.parse("2026-11-21T12:00:10Z"), Duration.ofSeconds(10)))
        .as("strictly after").isEqualTo(Instant.parse("2026-11-21T12:00:20Z"));
  }

  @Test
  void aHungEndpointIsUnknownWithinTheBoundStampedWhenAsked() {
    watch(hung).start();
    scheduler.advance(Duration.ofMillis(600)); // first tick at 12:00:01
    assertThat(calls).hasSize(1);
    assertThat(readings).isEmpty();
    scheduler.advance(Duration.ofMillis(750));
    assertThat(readings).singleElement().satisfies(r -> {
      assertThat(r.now()).isEqualTo(Instant.parse("2026-11-21T12:00:01Z"));
      assertThat(r.readings()).singleElement().satisfies(g -> {
        assertThat(g.verdict()).isEqualTo(Verdict.UNKNOWN);
        assertThat(g.detail()).contains("no answer within 750 ms");
      });
    });
  }

  @Test
  void aSlowReadingNeverDelaysTheNextSoUnknownsArriveAtPollPace() {
    watch(hung).start();
    scheduler.advance(Duration.ofMillis(600 + 4_000 + 750)); // to 12:00:05.750
    assertThat(calls).as("one read per poll even though none answered").hasSize(5);
    assertThat(readings).extracting(Observation.GatesRead::now).containsExactly(
        Instant.parse("2026-11-21T12:00:01Z"), Instant.parse("2026-11-21T12:00:02Z"),
        Instant.parse("2026-11-21T12:00:03Z"), Instant.parse("2026-11-21T12:00:04Z"),
        Instant.parse("2026-11-21T12:00:05Z"));
    assertThat(readings).allSatisfy(r -> assertThat(r.readings().get(0).verdict()).isEqualTo(Verdict.UNKNOWN));
  }

  @Test
  void anAnswerInTimeIsTheReadingOfTheTimeItWasAskedFor() {
    watch(hung).start();
    scheduler.advance(Duration.ofMillis(600 + 200));
    calls.get(0).complete(List.of(new AlarmStatus("api-5xx", AlarmStatus.Kind.METRIC, AlarmStatus.State.ALARM,
        "Threshold Crossed")));
    assertThat(readings).singleElement().satisfies(r -> {
      assertThat(r.now()).isEqualTo(Instant.parse("2026-11-21T12:00:01Z"));
      assertThat(r.readings().get(0).verdict()).isEqualTo(Verdict.BREACHED);
    });
    scheduler.advance(Duration.ofSeconds(1));
    assertThat(readings).as("the expiry of an answered read adds nothing").hasSize(1);
  }

  @Test
  void aRefusedConnectionIsUnknownAtOnce() {
    Signals refused = names -> Future.failedFuture(new java.net.ConnectException("Connection refused"));
    watch(refused).start();
    scheduler.advance(Duration.ofMillis(600));
    assertThat(readings).singleElement().satisfies(r ->
        assertThat(r.readings().get(0).detail()).contains("Connection refused"));
  }
}
