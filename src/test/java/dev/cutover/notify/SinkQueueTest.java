package dev.cutover.notify;

import static dev.cutover.notify.Events.STARTED;
import static dev.cutover.notify.Events.notice;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Secret;
import dev.cutover.domain.Split;
import dev.cutover.testkit.LogCapture;
import dev.cutover.testkit.ManualScheduler;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** One sink's bounded queue on a virtual clock: no I/O on the publisher's thread, backoff, drops, drain. */
class SinkQueueTest {
  static final String URL = "https://hooks.slack.com/services/T1/B2/QUEUESECRET";
  static final NotifySettings.Delivery DELIVERY = new NotifySettings.Delivery(2, Duration.ofSeconds(10), 4,
      Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(5));
  final ManualScheduler scheduler = ManualScheduler.atNoon();
  final FakeTransport transport = new FakeTransport(scheduler);
  final Secret secret = new Secret(URL, "$SLACK");
  final SinkQueue queue = new SinkQueue("releases", "slack", new SlackMessage(new NotifySettings.Slack(secret)),
      transport, scheduler, DELIVERY, new Redactor(java.util.List.of(secret)));

  static Notice step(int i) {
    return notice(STARTED, new CutoverEvent.StepCompleted(Events.at(i), 0, Split.of(5), Duration.ofSeconds(i),
        false));
  }

  private long secondsSinceNoon(Instant at) {
    return Duration.between(ManualScheduler.atNoon().now(), at).toSeconds();
  }

  @Test
  void offeringSendsNothingOnThePublishersThread() {
    queue.offer(step(1));

    assertThat(transport.sent).as("nothing before the scheduler runs the sink").isEmpty();
    scheduler.advance(Duration.ZERO);
    assertThat(transport.sent).hasSize(1);
    assertThat(queue.counts().sent()).isEqualTo(1);
  }

  @Test
  void retriesServerErrorsWithExponentialBackoffThenDelivers() {
    transport.then(500).then(503).then(200);

    queue.offer(step(1));
    scheduler.advance(Duration.ofSeconds(10));

    assertThat(transport.sent).extracting(s -> secondsSinceNoon(s.at())).containsExactly(0L, 1L, 3L);
    assertThat(queue.counts()).extracting(c -> c.sent(), c -> c.failed(), c -> c.retries()).containsExactly(1L, 0L,
        2L);
  }

  @Test
  void waitsAsLongAsRetryAfterAsks() {
    transport.then(new Reply(429, "7", "rate_limited")).then(200);

    queue.offer(step(1));
    scheduler.advance(Duration.ofSeconds(20));

    assertThat(transport.sent).extracting(s -> secondsSinceNoon(s.at())).containsExactly(0L, 7L);
  }

  @Test
  void givesUpOnAPermanentRefusalAtOnceAndGoesOn() {
    transport.then(404).then(200);

    queue.offer(step(1));
    queue.offer(step(2));
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(transport.sent).hasSize(2);
    assertThat(queue.counts()).extracting(c -> c.sent(), c -> c.failed(), c -> c.retries()).containsExactly(1L, 1L,
        0L);
  }

  @Test
  void givesUpAfterTheLastAttempt() {
    transport.thenFail("connection refused").thenFail("connection refused").then(500).then(502);

    queue.offer(step(1));
    scheduler.advance(Duration.ofMinutes(1));

    assertThat(transport.sent).as("attempts").hasSize(4);
    assertThat(queue.counts()).extracting(c -> c.sent(), c -> c.failed(), c -> c.retries()).containsExactly(0L, 1L,
        3L);
  }

  @Test
  void aFullQueueDropsTheOldestWaitingMessageAndCountsIt() {
    transport.thenHang();
    queue.offer(step(1));
    scheduler.advance(Duration.ZERO); // step 1 in flight, never answered

    for (int i = 2; i <= 5; i++) {
      assertThat(queue.offer(step(i))).isTrue();
    }

    assertThat(queue.counts().dropped()).isEqualTo(2);
    assertThat(queue.counts().queued()).isEqualTo(2);
    transport.hanging.get(0).complete(new Reply(200, null, "ok"));
    scheduler.advance(Duration.ZERO);
    assertThat(transport.bodies()).hasSize(3);
    assertThat(transport.bodies().get(1)).as("the newest survive, in order").contains("for 4s");
    assertThat(transport.bodies().get(2)).contains("for 5s");
  }

  @Test
  void closeWaitsForWhatIsQueued() {
    transport.then(500).then(200).then(200);
    queue.offer(step(1));
    queue.offer(step(2));

    Future<Void> closed = queue.close(Duration.ofSeconds(5));
    assertThat(queue.offer(step(3))).as("closing accepts nothing more").isFalse();
    scheduler.advance(Duration.ofSeconds(2));

    assertThat(closed.succeeded()).isTrue();
    assertThat(queue.counts()).extracting(c -> c.sent(), c -> c.dropped()).containsExactly(2L, 1L);
  }

  @Test
  void closeDropsWhatIsLeftOnceTheDrainTimeIsUp() {
    for (int i = 0; i < 10; i++) {
      transport.then(503);
    }
    queue.offer(step(1));
    queue.offer(step(2));
    scheduler.advance(Duration.ZERO);

    Future<Void> closed = queue.close(Duration.ofSeconds(5));
    scheduler.advance(Duration.ofSeconds(4));
    assertThat(closed.isComplete()).isFalse();
    scheduler.advance(Duration.ofSeconds(1));

    assertThat(closed.succeeded()).isTrue();
    assertThat(queue.counts().dropped()).as("the one retrying and the one waiting").isEqualTo(2);
    int attempts = transport.sent.size();
    scheduler.advance(Duration.ofMinutes(5));
    assertThat(transport.sent).as("no attempt after the drain").hasSize(attempts);
    assertThat(scheduler.activeTimers()).isZero();
  }

  @Test
  void noLogLineCarriesTheSinksUrl() {
    try (LogCapture logs = new LogCapture()) {
      transport.thenFail("failed to connect to " + URL).then(new Reply(404, null, "no_service for " + URL))
          .thenHang();
      queue.offer(step(1));
      scheduler.advance(Duration.ofSeconds(5));
      for (int i = 2; i < 6; i++) {
        queue.offer(step(i));
      }
      scheduler.advance(Duration.ofSeconds(5));

      assertThat(logs.all()).contains("notification sink releases (slack)", "gave up", "dropped", "<redacted>")
          .doesNotContain("QUEUESECRET");
    }
  }
}
