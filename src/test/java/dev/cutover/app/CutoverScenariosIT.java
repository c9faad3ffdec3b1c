package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.journal.FileJournal;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.ChangeEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The whole product end to end: the real {@code cutover} command line, the real SDK clients and adapters, and
 * the sandbox's Route 53 and CloudWatch on loopback, with time compressed 40 times (a 5 s poll is 125 ms).
 */
@Timeout(120)
class CutoverScenariosIT {
  static final double SPEED = 40;
  static final String API = "api.example.com.";
  static final String PLAN = """
      name: api-test
      zone: ZONE
      settle: 0s
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 5, bake: 30s }
        - { split: 50, bake: 60s%s }
        - { split: 100, bake: 30s }
      gates:
        alarms: [%s]
        poll: 5s
        unknownLimit: 3
      faults:
        retryDeadline: 20s
        inSyncTimeout: 2m
      """;

  @TempDir Path dir;
  SandboxFixture sandbox;

  @BeforeEach
  void world() throws Exception {
    sandbox = new SandboxFixture(SPEED, dir.resolve("state"));
    sandbox.zone("example.com.");
    sandbox.pair(API, 100, 0);
    sandbox.alarm("api-5xx", StateValue.OK);
    sandbox.alarm("api-p99", StateValue.OK);
  }

  @AfterEach
  void close() throws Exception {
    sandbox.close();
  }

  Path plan() throws Exception {
    return sandbox.plan(dir, PLAN.formatted("", "api-5xx, api-p99"));
  }

  @Test
  void happyPathShiftsFiveFiftyHundredAndExitsZero() throws Exception {
    var run = sandbox.cli("run", plan().toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(sandbox.weights(API)).containsExactly(0, 100);
    assertThat(forwardAwsWeights()).containsExactly(5L, 50L, 100L);
    assertThat(run.out()).contains("step 3/3", "finished COMPLETED (exit 0)");
    assertThat(journal()).last().isInstanceOfSatisfying(CutoverEvent.Finished.class,
        f -> assertThat(f.exitCode()).isZero());

    var again = sandbox.cli("run", plan().toString());
    assertThat(again.exit()).as("a pipeline retrying a finished go-live job").isZero();
    assertThat(again.out()).contains("already completed", "nothing to do");
  }

  @Test
  void alarmDuringTheFiftyPercentBakeRevertsWithinOnePollAndExitsFour() throws Exception {
    // 15 s of scheduler time into the 60 s bake of step 2
    CompletableFuture<Instant> flipped = when(() -> journalHas(CutoverEvent.BakeStarted.class, 2), wall(15),
        () -> sandbox.setAlarm("api-5xx", StateValue.ALARM));

    var run = sandbox.cli("run", plan().toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
    ChangeEvent revert = sandbox.changes.get(sandbox.changes.size() - 1);
    assertThat(revert.changes()).allMatch(c -> c.action() == ChangeAction.UPSERT);
    Duration reaction = Duration.between(flipped.get(), revert.submittedAt());
    assertThat(reaction).as("alarm to revert batch, in scheduler time").isLessThan(Duration.ofSeconds(5 + 5));
    CutoverEvent.RevertIntent intent = only(CutoverEvent.RevertIntent.class);
    assertThat(intent.trigger()).isEqualTo("gate api-5xx");
    assertThat(intent.reason()).contains("alarm breached at 50%");
  }

  @Test
  void alarmWhileWaitingForApprovalReverts() throws Exception {
    Path plan = sandbox.plan(dir, PLAN.formatted(", approval: true", "api-5xx, api-p99"));
    when(() -> journalHas(CutoverEvent.ApprovalRequested.class), Duration.ofSeconds(10),
        () -> sandbox.setAlarm("api-p99", StateValue.ALARM));

    var run = sandbox.cli("run", plan.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    assertThat(run.out()).contains("waits for approval");
    assertThat(journal()).filteredOn(CutoverEvent.ShiftIntent.class::isInstance).as("never shifted to 50%")
        .hasSize(1);
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
  }

  @Test
  void approvalStepWaitsForResumeAndPauseHoldsTheBake() throws Exception {
    Path plan = sandbox.plan(dir, PLAN.formatted(", approval: true", "api-5xx, api-p99"));
    when(() -> journalHas(CutoverEvent.ApprovalRequested.class), Duration.ZERO,
        () -> assertThat(sandbox.cli("resume", plan.toString()).exit()).isZero());
    when(() -> sandbox.weights(API)[1] == 50 && journalHas(CutoverEvent.BakeStarted.class, 2), Duration.ZERO,
        () -> assertThat(sandbox.cli("pause", plan.toString()).exit()).isZero());
    when(() -> journalHasEffect("paused"), wall(120), // two bakes' worth of scheduler time
        () -> {
          assertThat(sandbox.weights(API)[1]).as("a paused bake does not advance").isEqualTo(50);
          assertThat(sandbox.cli("resume", plan.toString()).exit()).isZero();
        });

    var run = sandbox.cli("run", plan.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("approved step 2", "paused: bake clock held", "resumed: bake clock runs again");
  }

  @Test
  void someoneElsesChangeDuringTheBakeStopsTheRunWithoutOverwritingAndExitsSix() throws Exception {
    when(() -> journalHas(CutoverEvent.BakeStarted.class), Duration.ZERO, () -> sandbox.pair(API, 80, 20));

    var run = sandbox.cli("run", plan().toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(6);
    assertThat(sandbox.weights(API)).as("nothing overwritten").containsExactly(80, 20);
    assertThat(run.out()).contains("found heroku=80 aws=20");
  }

  @Test
  void cloudWatchUnreachableRevertsAfterUnknownLimitReadings() throws Exception {
    when(() -> journalHas(CutoverEvent.BakeStarted.class), Duration.ZERO,
        () -> sandbox.cloudWatchFaults.unavailableUntil(Instant.now().plus(Duration.ofDays(1))));

    var run = sandbox.cli("run", plan().toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
    assertThat(only(CutoverEvent.RevertIntent.class).reason()).contains("could not be read 3 times in a row");
  }

  @Test
  void aCompositeAlarmGatesTheRun() throws Exception {
    sandbox.compositeAlarm("api-health", "ALARM(\"api-5xx\") OR ALARM(\"api-p99\")", StateValue.OK);
    Path plan = sandbox.plan(dir, PLAN.formatted("", "api-health"));
    when(() -> journalHas(CutoverEvent.BakeStarted.class), Duration.ZERO,
        () -> sandbox.setAlarm("api-health", StateValue.ALARM));

    var run = sandbox.cli("run", plan.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    assertThat(only(CutoverEvent.RevertIntent.class).trigger()).isEqualTo("gate api-health");
  }

  @Test
  void severalRecordsShiftTogetherInOneBatch() throws Exception {
    sandbox.pair("www.example.com.", 100, 0);
    Path plan = sandbox.plan(dir, PLAN.formatted("", "api-5xx").replace(
        "  - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }",
        "  - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }\n"
            + "  - { name: www.example.com., type: CNAME, heroku: heroku, aws: aws }"));

    var run = sandbox.cli("run", plan.toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    List<ChangeEvent> forward = forwardBatches();
    assertThat(forward).hasSize(3).allSatisfy(b -> {
      assertThat(b.changes()).hasSize(8);
      assertThat(b.changes()).extracting(c -> c.record().name()).containsOnly(API, "www.example.com.");
    });
    assertThat(sandbox.weights("www.example.com.")).containsExactly(0, 100);
  }

  @Test
  void rollbackPutsEveryPairBackOnHerokuWithoutAController() throws Exception {
    sandbox.pair(API, 50, 50);

    var run = sandbox.cli("rollback", plan().toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
    assertThat(run.out()).contains("submitted: every pair to 100% Heroku by UPSERT", "INSYNC after");
    assertThat(only(CutoverEvent.RevertIntent.class).trigger()).isEqualTo("operator tester");
    assertThat(sandbox.cli("rollback", plan().toString()).out()).contains("already at 100% Heroku");
  }

  @Test
  void rollbackDuringARunEndsItAsStoppedByAnOperator() throws Exception {
    Path plan = plan();
    CompletableFuture<SandboxFixture.Run> rollback = new CompletableFuture<>();
    when(() -> journalHas(CutoverEvent.BakeStarted.class), Duration.ZERO,
        () -> rollback.complete(sandbox.cli("rollback", plan.toString())));

    var run = sandbox.cli("run", plan.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(5);
    assertThat(rollback.get(10, TimeUnit.SECONDS).exit()).isZero();
    assertThat(rollback.get().out()).contains("told it to abort");
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
  }

  @Test
  void preflightRefusesAGateAlreadyInAlarmAndChangesNothing() throws Exception {
    sandbox.setAlarm("api-p99", StateValue.ALARM);
    int before = sandbox.changes.size();

    var run = sandbox.cli("run", plan().toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.err()).contains("alarm api-p99: is in ALARM now");
    assertThat(sandbox.changes).hasSize(before);
  }

  @Test
  void preflightRefusesAMissingAwsRecord() throws Exception {
    Path plan = sandbox.plan(dir, PLAN.formatted("", "api-5xx").replace("aws: aws }", "aws: amazon }"));

    var run = sandbox.cli("run", plan.toString());

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("no weighted record with SetIdentifier 'amazon'");
  }

  @Test
  void anInvalidPlanExitsTwoNamingTheField() throws Exception {
    Path plan = sandbox.plan(dir, PLAN.formatted("", "api-5xx").replace("split: 50", "split: 150"));

    var run = sandbox.cli("run", plan.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err()).contains("steps[1].split");
  }

  @Test
  void route53FailingPastTheRetryDeadlineRevertsAndExitsSeven() throws Exception {
    when(() -> journalHas(CutoverEvent.BakeStarted.class), Duration.ZERO, () -> sandbox.route53.faults()
        .failUntil(sandbox.scheduler.clock().instant().plus(Duration.ofSeconds(60)), 503));

    var run = sandbox.cli("run", plan().toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(7);
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
    CutoverEvent.RevertIntent intent = only(CutoverEvent.RevertIntent.class);
    assertThat(intent.cause()).isEqualTo(dev.cutover.domain.RevertCause.FAULT);
    assertThat(intent.reason()).startsWith("shift to 50% failed: Route 53");
  }

  @Test
  void planPrintsTheStepsAndTheExactChangeBatchAndChangesNothing() throws Exception {
    int before = sandbox.changes.size();

    var run = sandbox.cli("plan", plan().toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.out()).contains("1     5%     95       5",
        "DELETE api.example.com. CNAME [heroku] weight 100 ttl 60 -> api-example-com-herokudns.com",
        "DELETE api.example.com. CNAME [aws] weight 0 ttl 60",
        "CREATE api.example.com. CNAME [heroku] weight 95 ttl 60",
        "CREATE api.example.com. CNAME [aws] weight 5 ttl 60");
    assertThat(sandbox.changes).hasSize(before);
  }

  @Test
  void statusAndHistoryShowWeightsGatesAndTheJournal() throws Exception {
    sandbox.setAlarm("api-p99", StateValue.INSUFFICIENT_DATA);

    var status = sandbox.cli("status", plan().toString());

    assertThat(status.exit()).as(status.toString()).isZero();
    assertThat(status.out()).contains("controller: not running", "api.example.com. CNAME  heroku=100 aws=0",
        "gate api-5xx: HEALTHY", "gate api-p99: INCONCLUSIVE");
    sandbox.setAlarm("api-p99", StateValue.OK);
    sandbox.cli("run", plan().toString());
    var history = sandbox.cli("history", plan().toString());
    assertThat(history.out()).contains("started by tester", "step 1/3: shifting 0% → 5% AWS",
        "finished COMPLETED (exit 0)");
    assertThat(sandbox.cli("history", plan().toString(), "--json").out().lines())
        .allMatch(l -> l.startsWith("{\"type\":\""));
  }

  @Test
  void aSecondRunOfTheSamePlanIsRefusedNamingTheHolderAndAbortStopsTheFirst() throws Exception {
    Path plan = plan();
    CompletableFuture<SandboxFixture.Run> second = new CompletableFuture<>();
    CompletableFuture<SandboxFixture.Run> abort = new CompletableFuture<>();
    when(() -> journalHas(CutoverEvent.BakeStarted.class), Duration.ZERO, () -> {
      second.complete(sandbox.cli("run", plan.toString()));
      abort.complete(sandbox.cli("abort", plan.toString()));
    });

    var first = sandbox.cli("run", plan.toString());

    assertThat(second.get(10, TimeUnit.SECONDS).exit()).isEqualTo(6);
    assertThat(second.get().err()).contains("plan api-test is being run by pid");
    assertThat(abort.get(10, TimeUnit.SECONDS).exit()).isZero();
    assertThat(first.exit()).as(first.toString()).isEqualTo(5);
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
    assertThat(journal()).filteredOn(CutoverEvent.RevertIntent.class::isInstance)
        .as("the abort command journals its intent, and the controller its revert")
        .extracting(e -> ((CutoverEvent.RevertIntent) e).reason()).containsExactly("abort command", "aborted by tester");
  }

  // ---- helpers

  /** The wall-clock time that {@code seconds} of scheduler time take. */
  static Duration wall(long seconds) {
    return Duration.ofMillis((long) (seconds * 1000 / SPEED));
  }

  /** Runs {@code action} on another thread once {@code condition} holds, plus a wall-clock delay. */
  CompletableFuture<Instant> when(BooleanSupplier condition, Duration delay, Runnable action) {
    CompletableFuture<Instant> done = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean()) {
          if (System.nanoTime() > deadline) {
            done.completeExceptionally(new AssertionError("condition never held"));
            return;
          }
          Thread.sleep(5);
        }
        Thread.sleep(delay.toMillis());
        Instant at = sandbox.scheduler.clock().instant();
        action.run();
        done.complete(at);
      } catch (Throwable e) {
        done.completeExceptionally(e);
      }
    }, "scenario-trigger");
    t.setDaemon(true);
    t.start();
    return done;
  }

  List<CutoverEvent> journal() {
    try {
      return FileJournal.read(dir.resolve("state").resolve("api-test").resolve("journal.jsonl"));
    } catch (Exception e) {
      return List.of();
    }
  }

  boolean journalHas(Class<? extends CutoverEvent> type) {
    return journalHas(type, 1);
  }

  boolean journalHas(Class<? extends CutoverEvent> type, int count) {
    return journal().stream().filter(type::isInstance).count() >= count;
  }

  boolean journalHasEffect(String effect) {
    return journal().stream().anyMatch(e -> e instanceof CutoverEvent.OperatorRequest o
        && o.effect().startsWith(effect));
  }

  <T extends CutoverEvent> T only(Class<T> type) {
    List<T> found = journal().stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  List<ChangeEvent> forwardBatches() {
    return sandbox.changes.stream().filter(c -> c.comment() != null && c.comment().contains(": step "))
        .toList();
  }

  List<Long> forwardAwsWeights() {
    return forwardBatches().stream().map(b -> b.changes().stream()
        .filter(c -> c.action() == ChangeAction.CREATE && c.record().setIdentifier().equals("aws"))
        .findFirst().orElseThrow().record().weight()).toList();
  }
}
