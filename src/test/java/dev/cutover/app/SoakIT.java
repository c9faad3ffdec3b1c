package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The soak end to end (plan {@code soak:}): the real command line and adapters against the sandbox, time
 * compressed 40 times. A breach during the soak reverts; a run killed during the soak is resumed from its journalled
 * progress, never shortening it; {@code --until baked} leaves the soak to a later run.
 */
@Timeout(180)
class SoakIT {
  static final double SPEED = 40;
  static final String API = "api.example.com.";
  static final String PLAN = """
      name: soak-test
      zone: ZONE
      settle: 0s
      soak: 4m
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 50, bake: 20s }
        - { split: 100, bake: 20s }
      gates:
        alarms: [api-5xx]
        poll: 5s
        unknownLimit: 3
      faults:
        retryDeadline: 20s
        inSyncTimeout: 2m
      """;

  @TempDir Path dir;
  SandboxFixture sandbox;
  JournalWatch journal;

  @BeforeEach
  void world() throws Exception {
    sandbox = new SandboxFixture(SPEED, dir.resolve("state"));
    sandbox.zone("example.com.");
    sandbox.pair(API, 100, 0);
    sandbox.alarm("api-5xx", StateValue.OK);
    journal = new JournalWatch(dir.resolve("state"), "soak-test");
  }

  @AfterEach
  void close() throws Exception {
    sandbox.close();
  }

  Path plan() throws Exception {
    return sandbox.plan(dir, PLAN);
  }

  @Test
  void aBreachDuringTheSoakRevertsToHerokuAndExitsFour() throws Exception {
    journal.when(e -> e instanceof CutoverEvent.SoakStarted, Duration.ofMillis(500),
        () -> sandbox.setAlarm("api-5xx", StateValue.ALARM));

    var run = sandbox.cli("run", plan().toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(4);
    assertThat(run.out()).contains("soaking at 100% AWS for 4m");
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
    assertThat(journal.all(CutoverEvent.RevertIntent.class)).singleElement()
        .satisfies(r -> assertThat(r.reason()).contains("alarm breached at 100%"));
  }

  @Test
  void untilBakedEndsWithExitEightAndALaterRunWatchesTheSoakToTheEnd() throws Exception {
    var baked = sandbox.cli("run", plan().toString(), "--until", "baked");

    assertThat(baked.exit()).as(baked.toString()).isEqualTo(8);
    assertThat(baked.out()).contains("soaking for 4m unwatched");
    assertThat(sandbox.weights(API)).as("Heroku's record stays, at weight 0").containsExactly(0, 100);

    var soaked = sandbox.cli("run", plan().toString());

    assertThat(soaked.exit()).as(soaked.toString()).isZero();
    assertThat(journal.all(CutoverEvent.Resumed.class)).singleElement()
        .satisfies(r -> assertThat(r.note()).contains("soaking at 100%"));
    assertThat(journal.all(CutoverEvent.Finished.class)).singleElement()
        .satisfies(f -> assertThat(f.reason()).contains("4m soak passed"));
    assertThat(journal.all(CutoverEvent.ShiftIntent.class)).as("nothing shifted again").hasSize(2);
  }

  @Test
  void aRunKilledDuringTheSoakIsResumedFromItsProgressAndTheSoakIsNeverShortened() throws Exception {
    Path log = dir.resolve("first.log");
    Process first = CutoverProcess.start(sandbox, SPEED, log, "run", plan().toString());
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (journal.all(CutoverEvent.SoakProgress.class).size() < 2 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    first.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    List<CutoverEvent.SoakProgress> before = journal.all(CutoverEvent.SoakProgress.class);
    assertThat(before).as("killed during the soak").hasSizeGreaterThanOrEqualTo(2);
    assertThat(journal.all(CutoverEvent.Finished.class)).isEmpty();
    Duration watched = before.get(before.size() - 1).soaked();

    var resumed = CutoverProcess.run(sandbox, SPEED, dir.resolve("second.log"), 120, "run", plan().toString());

    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    CutoverEvent.Resumed r = journal.all(CutoverEvent.Resumed.class).get(0);
    CutoverEvent.Finished f = journal.all(CutoverEvent.Finished.class).get(0);
    assertThat(f.outcome()).isEqualTo(Phase.COMPLETED);
    assertThat(Duration.between(r.at(), f.at())).as("the rest of the soak, watched after the restart")
        .isGreaterThanOrEqualTo(Duration.ofMinutes(4).minus(watched));
    assertThat(journal.all(CutoverEvent.ShiftIntent.class)).as("never shifted again").hasSize(2);
    assertThat(sandbox.weights(API)).containsExactly(0, 100);
  }
}
