package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.RevertCause;
import dev.cutover.testkit.TcpProxy;
import io.vertx.core.http.HttpMethod;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * README "Gates run on their own clock" end to end, with real processes: a {@code cutover run} controller, and Route 53 and/or
 * CloudWatch behind TCP proxy processes that the test freezes (SIGSTOP: a hung endpoint), thaws or kills
 * (connection refused). Wall time, poll 1 s, as in the reproduction. The timing bounds asserted here are
 * generous (a shared, noisy machine); the reaction benchmark prints the exact figures.
 */
@Timeout(180)
class GatesOnTheirOwnClockIT {
  static final String API = "api.example.com.";
  static final String PLAN = """
      name: own-clock
      zone: ZONE
      settle: 0s
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 5, bake: 2m }
        - { split: 50, bake: 2m }
        - { split: 100, bake: 2m }
      gates:
        alarms: [api-5xx]
        poll: 1s
        unknownLimit: 3
      faults:
        retryDeadline: 90s
        inSyncTimeout: 2m
      """;
  static final Duration POLL = Duration.ofSeconds(1);

  @TempDir Path dir;
  SandboxFixture sandbox;
  TcpProxy route53Proxy;
  TcpProxy cloudWatchProxy;

  @BeforeEach
  void world() throws Exception {
    sandbox = new SandboxFixture(1, dir.resolve("state"));
    sandbox.route53.insyncDelay(Duration.ofMillis(500));
    sandbox.zone("example.com.");
    sandbox.pair(API, 100, 0);
    sandbox.alarm("api-5xx", StateValue.OK);
    route53Proxy = TcpProxy.start(sandbox.endpoint.getPort());
    cloudWatchProxy = TcpProxy.start(sandbox.endpoint.getPort());
  }

  @AfterEach
  void close() throws Exception {
    route53Proxy.close();
    cloudWatchProxy.close();
    sandbox.close();
  }

  ControllerProcess controller(String route53, String cloudWatch) throws Exception {
    Path plan = sandbox.plan(dir, PLAN);
    return ControllerProcess.start(dir.resolve("state"), dir.resolve("controller.log"), "run", plan.toString(),
        "--route53-endpoint", route53, "--cloudwatch-endpoint", cloudWatch, "--by", "own-clock-test");
  }

  /** The wall time (nanoTime) at which CloudWatch first answers while {@code alarm} is in ALARM. */
  AtomicLong firstAlarmAnswer(String alarm) {
    AtomicLong first = new AtomicLong();
    sandbox.watcher = ctx -> {
      if (ctx.request().method() == HttpMethod.POST && ctx.request().path().startsWith("/service/")) {
        ctx.addHeadersEndHandler(v -> {
          if (sandbox.cloudWatch.alarm(alarm).orElseThrow().status().value()
              == dev.cutover.sandbox.cloudwatch.StateValue.ALARM) {
            first.compareAndSet(0, System.nanoTime());
          }
        });
      }
    };
    return first;
  }

  static boolean bakeOf(CutoverEvent e, int step) {
    return e instanceof CutoverEvent.BakeStarted b && b.step() == step;
  }

  @Test
  void anAlarmDuringTheBakeRevertsWithinOnePollWhileRoute53IsStalledAndTheRevertLandsWhenItAnswers()
      throws Exception {
    try (ControllerProcess run = controller(route53Proxy.url(), sandbox.endpoint.toString())) {
      run.await("own-clock", Duration.ofSeconds(60), e -> bakeOf(e, 0));
      route53Proxy.freeze();
      Thread.sleep(2 * POLL.toMillis()); // the weights reads now hang, as they did for the old joined poll
      AtomicLong answered = firstAlarmAnswer("api-5xx");
      sandbox.setAlarm("api-5xx", StateValue.ALARM);

      ControllerProcess.Seen intent = run.await("own-clock", Duration.ofSeconds(20),
          e -> e instanceof CutoverEvent.RevertIntent);
      long reactionMillis = (intent.nanos() - answered.get()) / 1_000_000;
      System.out.printf("stalled Route 53: CloudWatch answered ALARM -> revert intent journalled in %d ms%n",
          reactionMillis);
      assertThat(answered.get()).isNotZero();
      assertThat(reactionMillis).as("decided on the gates' own clock, not after Route 53's retries")
          .isLessThan(POLL.toMillis() + 1_500);
      assertThat(((CutoverEvent.RevertIntent) intent.event()).cause()).isEqualTo(RevertCause.GATE);
      assertThat(run.journal("own-clock")).as("never moved on while the alarm was in ALARM")
          .noneMatch(e -> e instanceof CutoverEvent.StepCompleted || e instanceof CutoverEvent.ShiftIntent s
              && s.step() > 0);
      assertThat(sandbox.weights(API)).as("the revert waits for Route 53").containsExactly(95, 5);

      route53Proxy.thaw();
      assertThat(run.exit(Duration.ofSeconds(90))).as(run.tail()).isEqualTo(4);
      assertThat(sandbox.weights(API)).containsExactly(100, 0);
    }
  }

  @Test
  void withAllOfAwsHungUnknownReadingsArriveAtPollPaceAndRevertAfterUnknownLimit() throws Exception {
    try (ControllerProcess run = controller(route53Proxy.url(), cloudWatchProxy.url())) {
      run.await("own-clock", Duration.ofSeconds(60), e -> bakeOf(e, 0));
      long frozen = System.nanoTime();
      route53Proxy.freeze();
      cloudWatchProxy.freeze();

      ControllerProcess.Seen intent = run.await("own-clock", Duration.ofSeconds(30),
          e -> e instanceof CutoverEvent.RevertIntent);
      long afterMillis = (intent.nanos() - frozen) / 1_000_000;
      System.out.printf("all AWS hung: revert intent after %d ms (unknownLimit 3, poll 1 s)%n", afterMillis);
      assertThat(((CutoverEvent.RevertIntent) intent.event()).reason()).contains("3 times in a row");
      assertThat(afterMillis).as("three Unknowns at poll pace, each within its bound")
          .isLessThan(3 * POLL.toMillis() + 750 + 2_000);
      assertThat(run.journal("own-clock")).filteredOn(CutoverEvent.GatesRead.class::isInstance)
          .map(e -> ((CutoverEvent.GatesRead) e).readings().get(0).detail())
          .anyMatch(d -> d.contains("no answer within 750 ms"));

      route53Proxy.thaw();
      cloudWatchProxy.thaw();
      assertThat(run.exit(Duration.ofSeconds(90))).as(run.tail()).isEqualTo(4);
      assertThat(sandbox.weights(API)).containsExactly(100, 0);
    }
  }

  @Test
  void aRefusedCloudWatchConnectionIsUnknownWithinOnePollAndRevertsAfterUnknownLimit() throws Exception {
    try (ControllerProcess run = controller(sandbox.endpoint.toString(), cloudWatchProxy.url())) {
      run.await("own-clock", Duration.ofSeconds(60), e -> bakeOf(e, 0));
      long killed = System.nanoTime();
      cloudWatchProxy.kill();

      ControllerProcess.Seen unknown = run.await("own-clock", Duration.ofSeconds(10),
          e -> e instanceof CutoverEvent.GatesRead g && g.overall() == dev.cutover.domain.Verdict.UNKNOWN);
      assertThat((unknown.nanos() - killed) / 1_000_000).as("Unknown within one poll (plus slack)")
          .isLessThan(POLL.toMillis() + 1_500);
      assertThat(run.exit(Duration.ofSeconds(60))).as(run.tail()).isEqualTo(4);
      assertThat(sandbox.weights(API)).containsExactly(100, 0);
    }
  }

  @Test
  void weightsChangedByOthersWhileWaitingForInSyncStopTheRunBeforeItBakes() throws Exception {
    sandbox.route53.insyncDelay(Duration.ofSeconds(60));
    try (ControllerProcess run = controller(sandbox.endpoint.toString(), sandbox.endpoint.toString())) {
      run.await("own-clock", Duration.ofSeconds(60), e -> e instanceof CutoverEvent.ChangeSubmitted);
      long changed = System.nanoTime();
      sandbox.pair(API, 70, 30);

      ControllerProcess.Seen drift = run.await("own-clock", Duration.ofSeconds(10),
          e -> e instanceof CutoverEvent.Drift);
      assertThat((drift.nanos() - changed) / 1_000_000).as("noticed within a poll or two, not after INSYNC")
          .isLessThan(2 * POLL.toMillis() + 1_500);
      assertThat(((CutoverEvent.Drift) drift.event()).details()).singleElement().asString()
          .contains("found heroku=70 aws=30");
      assertThat(run.exit(Duration.ofSeconds(30))).as(run.tail()).isEqualTo(6);
      assertThat(run.journal("own-clock")).as("never baked a split nobody wrote")
          .noneMatch(e -> e instanceof CutoverEvent.BakeStarted);
      assertThat(sandbox.weights(API)).as("nothing overwritten").containsExactly(70, 30);
    }
  }
}
