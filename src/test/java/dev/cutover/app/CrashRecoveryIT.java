package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.journal.FileJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The crash test: real controller processes ({@code java -jar target/cutover.jar run}) killed with SIGKILL at
 * random moments, then started again with the same command. Every run must converge (completed, or safely at
 * 100% Heroku), no bake may be skipped, no record pair may ever be all-zero or half-shifted across pairs.
 * Prints its counts. {@code -Dcrash.runs=N} and {@code -Dcrash.seed=S} change the defaults (30, random).
 */
class CrashRecoveryIT {
  static final double SPEED = 40;
  static final List<Duration> BAKES = List.of(Duration.ofSeconds(40), Duration.ofSeconds(80), Duration.ofSeconds(40));
  static final String PLAN = """
      name: PLANNAME
      zone: ZONE
      settle: 0s
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
        - { name: www.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 5, bake: 40s }
        - { split: 50, bake: 80s }
        - { split: 100, bake: 40s }
      gates:
        alarms: [PLANNAME-5xx]
        poll: 5s
        unknownLimit: 3
      """;

  @TempDir Path dir;
  CutoverInvariants invariants;

  @Test
  @Timeout(1500)
  void controllersKilledAtRandomMomentsAlwaysConvergeWithoutSkippingABake() throws Exception {
    int runs = Integer.getInteger("crash.runs", 30);
    long seed = Long.getLong("crash.seed", System.nanoTime());
    Random random = new Random(seed);
    Map<String, Integer> killPoints = new TreeMap<>();
    Map<Integer, Integer> outcomes = new TreeMap<>();
    List<String> violations = new ArrayList<>();
    int kills = 0;
    int converged = 0;
    try (SandboxFixture sandbox = new SandboxFixture(SPEED, dir.resolve("state"))) {
      invariants = CutoverInvariants.watch(sandbox);
      for (int run = 0; run < runs; run++) {
        String name = "crash-" + run;
        sandbox.zone("example.com.");
        sandbox.pair("api.example.com.", 100, 0);
        sandbox.pair("www.example.com.", 100, 0);
        sandbox.alarm(name + "-5xx", StateValue.OK);
        Path planFile = Files.writeString(dir.resolve(name + ".yaml"),
            PLAN.replace("PLANNAME", name).replace("ZONE", sandbox.zoneId));
        String target = TARGETS.get(random.nextInt(TARGETS.size()));
        boolean alarmRun = target.equals("revert-intent") || random.nextInt(3) == 0;
        if (alarmRun) {
          long at = 2500 + random.nextInt(4000);
          Thread t = new Thread(() -> {
            sleep(at);
            sandbox.setAlarm(name + "-5xx", StateValue.ALARM);
          });
          t.setDaemon(true);
          t.start();
        }
        int attempts = random.nextInt(4) == 0 ? 2 : 1; // sometimes the restarted controller is killed too
        for (int k = 0; k < attempts; k++) {
          Process p = controller(sandbox, planFile, name, run + "-" + k);
          boolean killed = k == 0 && !target.equals("time")
              ? killAtEvent(p, name, target)
              : killAtTime(p, 1500 + random.nextInt(6000));
          if (killed) {
            kills++;
            killPoints.merge(lastEventType(name), 1, Integer::sum);
          } else {
            killPoints.merge("(finished before the kill)", 1, Integer::sum);
            break; // it finished by itself: nothing to restart
          }
        }
        int exit;
        List<CutoverEvent> before = journal(name);
        if (!before.isEmpty() && dev.cutover.engine.Recovery.unfinished(before).isEmpty()) {
          exit = outcome(before); // it finished before the last kill: nothing to restart
        } else {
          Process last = controller(sandbox, planFile, name, run + "-final");
          assertThat(last.waitFor(120, TimeUnit.SECONDS)).as("run %s finishes after restart", name).isTrue();
          exit = last.exitValue();
        }
        outcomes.merge(exit, 1, Integer::sum);
        List<String> problems = check(sandbox, name, exit, alarmRun);
        if (problems.isEmpty()) {
          converged++;
        } else {
          Path log = dir.resolve("controller-" + run + "-final.log");
          problems.add("controller output:\n" + tail(Files.exists(log) ? log : dir.resolve("controller-" + run + "-0.log")));
          violations.addAll(problems.stream().map(x -> name + ": " + x).toList());
        }
      }
    }
    System.out.printf("%ncrash test (seed %d): %d runs, %d SIGKILLs, %d converged, %d violations,"
        + " %d all-zero writes, %d half-shifted states%n  kill points (last journal event at the kill): %s%n"
        + "  final exit codes: %s%n", seed, runs, kills, converged, violations.size(), invariants.allZero(),
        invariants.halfShifted(), killPoints, outcomes);
    violations.forEach(v -> System.out.println("  VIOLATION " + v));
    assertThat(violations).isEmpty();
    assertThat(invariants.allZero()).isZero();
    assertThat(invariants.halfShifted()).isZero();
    assertThat(converged).isEqualTo(runs);
  }

  @Test
  @Timeout(120)
  void aRollbackAfterTheControllerDiedIsNeverUndoneByARestart() throws Exception {
    for (boolean viaCutover : new boolean[] {true, false}) {
      try (SandboxFixture sandbox = new SandboxFixture(SPEED, dir.resolve("state"))) {
        String name = viaCutover ? "undo-rollback" : "undo-console";
        sandbox.zone("example.com.");
        sandbox.pair("api.example.com.", 100, 0);
        sandbox.pair("www.example.com.", 100, 0);
        sandbox.alarm(name + "-5xx", StateValue.OK);
        Path planFile = Files.writeString(dir.resolve(name + ".yaml"),
            PLAN.replace("PLANNAME", name).replace("ZONE", sandbox.zoneId));
        Process first = controller(sandbox, planFile, name, name + "-1");
        assertThat(killAtEvent(first, name, "change-submitted")).as("killed after Route 53 accepted 5%").isTrue();
        if (viaCutover) {
          assertThat(sandbox.cli("rollback", planFile.toString()).exit()).isZero();
        } else { // behind cutover's back: the console, the AWS CLI
          sandbox.pair("api.example.com.", 100, 0);
          sandbox.pair("www.example.com.", 100, 0);
        }
        int changesAfterRollback = sandbox.changes.size();

        Process restart = controller(sandbox, planFile, name, name + "-2");
        assertThat(restart.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(restart.exitValue()).as(tail(dir.resolve("controller-" + name + "-2.log"))).isEqualTo(5);
        assertThat(sandbox.weights("api.example.com.")).containsExactly(100, 0);
        assertThat(sandbox.changes).as("no shift after the operator's rollback").hasSize(changesAfterRollback);
      }
    }
  }

  private List<String> check(SandboxFixture sandbox, String name, int exit, boolean alarmRun) throws Exception {
    List<String> problems = new ArrayList<>();
    if (!alarmRun && exit != 0) {
      problems.add("no alarm fired, yet the run ended with exit " + exit);
    }
    long[] api = sandbox.weights("api.example.com.");
    long[] www = sandbox.weights("www.example.com.");
    boolean allAws = api[0] == 0 && api[1] == 100 && www[0] == 0 && www[1] == 100;
    boolean allHeroku = api[0] == 100 && api[1] == 0 && www[0] == 100 && www[1] == 0;
    if (exit == 0 && !allAws || (exit == 3 || exit == 4) && !allHeroku || exit != 0 && exit != 3 && exit != 4) {
      problems.add("did not converge: exit " + exit + ", api " + api[0] + "/" + api[1] + ", www " + www[0] + "/"
          + www[1]);
    }
    List<CutoverEvent> journal = journal(name);
    if (journal.isEmpty() || outcome(journal) != exit) {
      problems.add("journal does not end with the outcome exit " + exit);
    }
    problems.addAll(CutoverInvariants.noBakeSkipped(journal, BAKES));
    problems.addAll(CutoverInvariants.forwardStepsInOrder(sandbox, sandbox.zoneId, List.of(5L, 50L, 100L)));
    return problems;
  }

  private Process controller(SandboxFixture sandbox, Path plan, String name, String tag) throws Exception {
    return CutoverProcess.start(sandbox, SPEED, dir.resolve("controller-" + tag + ".log"), "run", plan.toString());
  }

  /** Kill points: right after one of these events is journalled (the windows between intent and outcome). */
  static final List<String> TARGETS = List.of("shift-intent", "change-submitted", "change-in-sync",
      "bake-started", "revert-intent", "step-completed", "time", "time", "time", "time", "time", "time");

  private static boolean killAtTime(Process p, long millis) throws InterruptedException {
    if (p.waitFor(millis, TimeUnit.MILLISECONDS)) {
      return false;
    }
    p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    return true;
  }

  /** SIGKILL as soon as the journal shows a new {@code type} event (polled every 2 ms), or give up at exit. */
  private boolean killAtEvent(Process p, String name, String type) throws Exception {
    Path file = dir.resolve("state").resolve(name).resolve("journal.jsonl");
    long seen = count(file, type);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (p.isAlive() && System.nanoTime() < deadline) {
      if (count(file, type) > seen) {
        p.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
        return true;
      }
      Thread.sleep(2);
    }
    return killAtTime(p, 0);
  }

  private static long count(Path file, String type) {
    try {
      return Files.exists(file) ? Files.readAllLines(file).stream()
          .filter(l -> l.startsWith("{\"type\":\"" + type + "\"")).count() : 0;
    } catch (java.io.IOException e) {
      return 0;
    }
  }

  private List<CutoverEvent> journal(String name) throws java.io.IOException {
    return FileJournal.read(dir.resolve("state").resolve(name).resolve("journal.jsonl"));
  }

  /** The exit code the journal's last cutover ended with: its Finished event, or 3 after a failed preflight. */
  private static int outcome(List<CutoverEvent> journal) {
    CutoverEvent last = journal.get(journal.size() - 1);
    if (last instanceof CutoverEvent.Finished f) {
      return f.exitCode();
    }
    return last instanceof CutoverEvent.PreflightFailed ? 3 : -1;
  }

  private String lastEventType(String name) {
    try {
      List<CutoverEvent> j = FileJournal.read(dir.resolve("state").resolve(name).resolve("journal.jsonl"));
      return j.isEmpty() ? "(nothing journalled)" : j.get(j.size() - 1).type();
    } catch (Exception e) {
      return "(journal unreadable: " + e.getMessage() + ")";
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (java.io.IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
