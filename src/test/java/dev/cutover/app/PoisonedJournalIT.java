package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Phase;
import dev.cutover.engine.EventJson;
import dev.cutover.journal.FileJournal;
import dev.cutover.journal.JournalLines;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * A journal that cannot be poisoned, with real processes ({@code java -jar target/cutover.jar}) against the
 * sandbox: a controller is killed while its first step bakes, the journal is damaged the way a careless or
 * hostile user would, and the next {@code run}, {@code status} and {@code history} are checked. Nothing is
 * ever adopted from a bad line, nothing is appended after one, and the world is always shown.
 */
class PoisonedJournalIT {
  static final double SPEED = 40;
  static final String PLAN = """
      name: PLANNAME
      zone: ZONE
      settle: 0s
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 5, bake: BAKE }
        - { split: 100, bake: 40s }
      gates:
        alarms: [PLANNAME-5xx]
        poll: POLL
      """;

  @TempDir Path dir;

  /** One plan in a fresh sandbox: the plan file, its journal, and the commands to run on it. */
  final class Setup implements AutoCloseable {
    final SandboxFixture sandbox;
    final String name;
    final Path planFile;
    final double speed;
    int logs;

    Setup(String name, double speed, String bake, String poll) throws Exception {
      this.name = name;
      this.speed = speed;
      sandbox = new SandboxFixture(speed, dir.resolve("state"));
      sandbox.zone("example.com.");
      sandbox.pair("api.example.com.", 100, 0);
      sandbox.alarm(name + "-5xx", StateValue.OK);
      planFile = Files.writeString(dir.resolve(name + ".yaml"), PLAN.replace("PLANNAME", name)
          .replace("ZONE", sandbox.zoneId).replace("BAKE", bake).replace("POLL", poll));
    }

    Path journal() {
      return sandbox.stateDir.resolve(name).resolve("journal.jsonl");
    }

    Path log(String what) {
      return dir.resolve(name + "-" + (logs++) + "-" + what + ".log");
    }

    Process startRun() throws Exception {
      return CutoverProcess.start(sandbox, speed, log("run"), "run", planFile.toString());
    }

    CutoverProcess.Ended cli(String command, String... options) throws Exception {
      List<String> args = new java.util.ArrayList<>(List.of(command, planFile.toString()));
      args.addAll(List.of(options));
      return CutoverProcess.run(sandbox, speed, log(command), 90, args.toArray(String[]::new));
    }

    /** A controller killed (SIGKILL) once step 1 (5%) is live and baking: an unfinished cutover. */
    void killedWhileBaking() throws Exception {
      Process p = startRun();
      awaitJournal(p, "bake-started");
      p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
      assertThat(sandbox.weights("api.example.com.")).containsExactly(95, 5);
    }

    void awaitJournal(Process p, String type) throws Exception {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!journalHas(type)) {
        assertThat(p.isAlive()).as("controller still running, waiting for %s", type).isTrue();
        assertThat(System.nanoTime()).as("%s journalled within 60 s", type).isLessThan(deadline);
        Thread.sleep(5);
      }
    }

    boolean journalHas(String type) throws Exception {
      return Files.exists(journal()) && Files.readAllLines(journal()).stream()
          .anyMatch(l -> l.startsWith("{\"type\":\"" + type + "\""));
    }

    int lineCount() throws Exception {
      return Files.readAllLines(journal()).size();
    }

    void append(String text) throws Exception {
      Files.writeString(journal(), text, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }

    @Override
    public void close() throws Exception {
      sandbox.close();
    }
  }

  /** The run refuses (exit 3) naming file and line, and nothing changes: not Route 53, not the journal. */
  static void assertRunRefuses(Setup s, int line, String problem) throws Exception {
    byte[] journal = Files.readAllBytes(s.journal());
    int changes = s.sandbox.changes.size();

    CutoverProcess.Ended run = s.cli("run");

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertThat(run.output()).as(run.toString())
        .contains("journal damaged: " + s.journal() + " line " + line + ": " + problem)
        .contains("sed -i '" + line + "d' " + s.journal()).contains("nothing was changed");
    assertThat(s.sandbox.changes).as("no change batch").hasSize(changes);
    assertThat(s.sandbox.weights("api.example.com.")).containsExactly(95, 5);
    assertThat(Files.readAllBytes(s.journal())).as("nothing appended after the bad line").isEqualTo(journal);
  }

  @Test
  @Timeout(300)
  void runRefusesJournalWithGarbageLineAndStatusShowsTheWorldThenTheDamageAndTheRepairWorks() throws Exception {
    try (Setup s = new Setup("garbage", SPEED, "40s", "5s")) {
      s.killedWhileBaking();
      s.append("GARBAGE\n"); // echo GARBAGE >> journal.jsonl
      int bad = s.lineCount();

      assertRunRefuses(s, bad, "is not JSON");

      CutoverProcess.Ended status = s.cli("status");
      assertThat(status.exit()).as(status.toString()).isEqualTo(3);
      String out = status.output();
      assertThat(out).contains("api.example.com. CNAME  heroku=95 aws=5").contains("gate garbage-5xx: HEALTHY")
          .contains("journal damaged: " + s.journal() + " line " + bad + ": is not JSON");
      assertThat(out.indexOf("journal damaged: " + s.journal())).as("the world first, then the damage: %s", out)
          .isGreaterThan(out.indexOf("gate garbage-5xx"));

      CutoverProcess.Ended json = s.cli("status", "--json");
      assertThat(json.exit()).as(json.toString()).isEqualTo(3);
      var report = EventJson.mapper().readTree(json.output().substring(json.output().indexOf('{')));
      assertThat(report.path("records").get(0).path("awsWeight").asInt()).isEqualTo(5);
      assertThat(report.path("journalDamage").path("location").asText()).isEqualTo("line " + bad);
      assertThat(report.path("journalDamage").path("journal").asText()).isEqualTo(s.journal().toString());
      assertThat(report.path("unfinishedCutover").isNull()).as("the journal cannot tell").isTrue();

      CutoverProcess.Ended history = s.cli("history");
      assertThat(history.exit()).as(history.toString()).isEqualTo(3);
      assertThat(history.output()).contains("started").contains("baking 5%")
          .contains("journal damaged: " + s.journal() + " line " + bad);

      // the repair the message and runbooks/crash-and-resume.md give: delete the line, run again
      List<String> lines = Files.readAllLines(s.journal());
      Files.write(s.journal(), lines.subList(0, bad - 1));
      CutoverProcess.Ended resumed = s.cli("run");
      assertThat(resumed.exit()).as(resumed.toString()).isZero();
      assertThat(resumed.output()).contains("resumed at 5%");
      assertThat(s.sandbox.weights("api.example.com.")).containsExactly(0, 100);
    }
  }

  @Test
  @Timeout(300)
  void runRefusesJournalWithForeignPlanLineNamingFileAndLine() throws Exception {
    try (Setup s = new Setup("foreign", SPEED, "40s", "5s")) {
      s.killedWhileBaking();
      // a started line copied from another plan's journal
      JournalLines other = new JournalLines("web-prod", "other", w -> List.of());
      s.append(other.line(new CutoverEvent.Started(Instant.now(), "web-prod-20260101T000000Z", "web-prod",
          "mallory", List.of(100))) + "\n");

      assertRunRefuses(s, s.lineCount(), "belongs to plan \"web-prod\", not \"foreign\"");

      byte[] journal = Files.readAllBytes(s.journal());
      CutoverProcess.Ended rollback = s.cli("rollback");
      assertThat(rollback.exit()).as("a damaged journal never blocks a rollback: %s", rollback).isZero();
      assertThat(rollback.output()).contains("could not record it (journal damaged: " + s.journal());
      assertThat(s.sandbox.weights("api.example.com.")).containsExactly(100, 0);
      assertThat(Files.readAllBytes(s.journal())).as("nor is it written after the bad line").isEqualTo(journal);
    }
  }

  @Test
  @Timeout(300)
  void runRefusesAnInjectedFinishedOfAnUnknownCutoverInsteadOfForgettingTheUnfinishedOne() throws Exception {
    try (Setup s = new Setup("injected", SPEED, "40s", "5s")) {
      s.killedWhileBaking();
      ObjectNode finished = EventJson.toTree(new CutoverEvent.Finished(Instant.now(), Phase.COMPLETED, 0, "x"));
      finished.put("plan", "injected").put("cutover", "injected-19990101T000000Z");
      s.append(EventJson.mapper().writeValueAsString(finished) + "\n");

      assertRunRefuses(s, s.lineCount(), "belongs to cutover injected-19990101T000000Z, which no started line"
          + " introduced");
    }
  }

  @Test
  @Timeout(300)
  void aTornLastLineIsCutOffAndTheRunResumes() throws Exception {
    try (Setup s = new Setup("torn", SPEED, "40s", "5s")) {
      s.killedWhileBaking();
      String intact = Files.readString(s.journal());
      s.append("{\"type\":\"gates-read\",\"plan\":\"torn\",\"cutover\":\"torn-2026"); // died mid-write

      CutoverProcess.Ended run = s.cli("run");

      assertThat(run.exit()).as(run.toString()).isZero();
      assertThat(run.output()).contains("cutting off a torn last line");
      assertThat(Files.readString(s.journal())).startsWith(intact);
      assertThat(FileJournal.read(s.journal())).last().isInstanceOf(CutoverEvent.Finished.class);
    }
  }

  @Test
  @Timeout(300)
  void aJournalOfThePreviousVersionWithoutEnvelopeResumesAndContinuesEnveloped() throws Exception {
    try (Setup s = new Setup("legacy", SPEED, "40s", "5s")) {
      s.killedWhileBaking();
      List<String> old = Files.readAllLines(s.journal()).stream().map(PoisonedJournalIT::withoutEnvelope).toList();
      Files.write(s.journal(), old);

      CutoverProcess.Ended run = s.cli("run");

      assertThat(run.exit()).as(run.toString()).isZero();
      List<String> lines = Files.readAllLines(s.journal());
      assertThat(lines.subList(0, old.size())).isEqualTo(old);
      assertThat(lines.subList(old.size(), lines.size())).isNotEmpty()
          .allSatisfy(l -> assertThat(l).contains("\"plan\":\"legacy\",\"cutover\":\"legacy-"));
    }
  }

  /** A line as the previous version wrote it: the event alone (a started line keeps its own plan field). */
  static String withoutEnvelope(String line) {
    try {
      ObjectNode n = (ObjectNode) EventJson.mapper().readTree(line);
      n.remove("cutover");
      if (!n.get("type").asText().equals("started")) {
        n.remove("plan");
      }
      return EventJson.mapper().writeValueAsString(n);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @Timeout(300)
  void controllerHaltsWithExit6WithinOnePollWhenItsJournalIsDeleted() throws Exception {
    haltsWhenJournalGoes("deleted", s -> Files.delete(s.journal()), "it was deleted");
  }

  @Test
  @Timeout(300)
  void controllerHaltsWithExit6WithinOnePollWhenItsJournalIsReplaced() throws Exception {
    haltsWhenJournalGoes("replaced", s -> {
      Path copy = Files.copy(s.journal(), dir.resolve("copy.jsonl"));
      Files.move(copy, s.journal(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }, "it was replaced by another file");
  }

  interface Damage {
    void apply(Setup s) throws Exception;
  }

  /**
   * Speed 10 and poll 10 s: one poll is one second of wall time, long against the process's own latencies, so
   * "noticed within one poll" is measured, not assumed. The step bakes 10 minutes: nothing else would stop it.
   */
  void haltsWhenJournalGoes(String name, Damage damage, String why) throws Exception {
    try (Setup s = new Setup(name, 10, "10m", "10s")) {
      Path log = s.log("run");
      Process p = CutoverProcess.start(s.sandbox, 10, log, "run", s.planFile.toString());
      s.awaitJournal(p, "bake-started");
      Thread.sleep(300); // a poll or so into the bake
      int changes = s.sandbox.changes.size();
      long before = System.nanoTime();

      damage.apply(s);
      while (p.isAlive() && !Files.readString(log).contains("cutover stopped")) {
        assertThat(System.nanoTime() - before).as("noticed within a few seconds").isLessThan(10_000_000_000L);
        Thread.sleep(5);
      }
      long noticedMillis = (System.nanoTime() - before) / 1_000_000;

      assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
      String out = Files.readString(log);
      assertThat(p.exitValue()).as(out).isEqualTo(6);
      assertThat(out).contains("stopped acting at once: the journal " + s.journal() + " changed under this process: "
          + why).contains("nothing further was changed by this run");
      assertThat(noticedMillis).as("noticed within one poll (1 s of wall time) and a margin").isLessThan(1_600);
      assertThat(s.sandbox.changes).as("no change batch after the damage").hasSize(changes);
      assertThat(s.sandbox.weights("api.example.com.")).containsExactly(95, 5);
      System.out.printf("journal %s under a running controller: noticed after %d ms (poll 1000 ms)%n", name,
          noticedMillis);
    }
  }

  @Test
  @Timeout(300)
  void statusAndRunNameTheFileOfABinaryJournalOrADirectoryNotACharsetError() throws Exception {
    try (Setup s = new Setup("binary", SPEED, "40s", "5s")) {
      Files.createDirectories(s.journal().getParent());
      int changes = s.sandbox.changes.size();
      for (String damage : List.of("line 1: is not UTF-8 text", "is a directory, not a journal file")) {
        if (damage.contains("directory")) {
          Files.delete(s.journal());
          Files.createDirectories(s.journal().resolve("sub"));
        } else {
          Files.write(s.journal(), new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, (byte) 0xff});
        }
        CutoverProcess.Ended status = s.cli("status");
        CutoverProcess.Ended run = s.cli("run");

        assertThat(status.exit()).as(status.toString()).isEqualTo(3);
        assertThat(status.output()).contains("heroku=100 aws=0").contains("journal damaged: " + s.journal())
            .contains(damage).doesNotContain("Input length");
        assertThat(run.exit()).as(run.toString()).isEqualTo(3);
        assertThat(run.output()).contains("journal damaged: " + s.journal()).contains(damage)
            .contains("nothing was changed").doesNotContain("Input length").doesNotContain("Exception");
        assertThat(s.sandbox.changes).as("no change batch").hasSize(changes);
      }
    }
  }
}
