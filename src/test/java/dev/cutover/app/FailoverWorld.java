package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Phase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * The world of the failover tests: Route 53 and CloudWatch from the sandbox in this JVM in wall time, the shared
 * DynamoDB table, and plans that each have their own zone with two record pairs, poll every second, bake their
 * first step (10%) as long as the test says and the last (100%) {@link #LAST_BAKE}. The crash test's invariants
 * are checked on every change Route 53 commits.
 */
final class FailoverWorld implements AutoCloseable {
  static final Duration POLL = Duration.ofSeconds(1);
  static final Duration LAST_BAKE = Duration.ofSeconds(2);
  static final String PLAN = """
      name: PLANNAME
      zone: ZONE
      settle: 0s
      records:
        - { name: api.PLANNAME.example.com., type: CNAME, heroku: heroku, aws: aws }
        - { name: www.PLANNAME.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 10, bake: BAKE }
        - { split: 100, bake: 2s }
      gates:
        alarms: [PLANNAME-5xx]
        poll: 1s
        unknownLimit: 3
      """;

  final SandboxFixture sandbox;
  final SharedTable table;
  private final CutoverInvariants invariants;
  private final Map<String, String> zones = new LinkedHashMap<>();
  private final Map<String, Duration> bakes = new LinkedHashMap<>();

  FailoverWorld(Path dir) throws Exception {
    sandbox = new SandboxFixture(1, dir.resolve("sandbox-state"));
    sandbox.route53.insyncDelay(Duration.ofMillis(500));
    invariants = CutoverInvariants.watch(sandbox);
    table = SharedTable.start("cutover-failover-it");
  }

  /** A plan in its own zone with two pairs at 100% Heroku and its alarm OK; returns its YAML. */
  String plan(String name, Duration firstBake) {
    zones.put(name, sandbox.zone(name + ".example.com."));
    bakes.put(name, firstBake);
    sandbox.pair("api." + name + ".example.com.", 100, 0);
    sandbox.pair("www." + name + ".example.com.", 100, 0);
    sandbox.alarm(name + "-5xx", StateValue.OK);
    return PLAN.replace("PLANNAME", name).replace("ZONE", zones.get(name))
        .replace("BAKE", firstBake.toSeconds() + "s");
  }

  /** The plans made so far, in order. */
  List<String> plans() {
    return List.copyOf(zones.keySet());
  }

  CutoverEvent await(String plan, Duration timeout, Predicate<CutoverEvent> what, Supplier<String> logs)
      throws Exception {
    return table.await(plan, timeout, what, logs);
  }

  static boolean baking(CutoverEvent e) {
    return e instanceof CutoverEvent.BakeStarted b && b.step() == 0;
  }

  static boolean finished(CutoverEvent e) {
    return e instanceof CutoverEvent.Finished;
  }

  boolean ended(String plan) throws Exception {
    return table.journal(plan).stream().anyMatch(FailoverWorld::finished);
  }

  /** Completed at 100% AWS, no bake skipped, forward batches in order, however many controllers ran it. */
  List<String> converged(String plan) throws Exception {
    List<String> problems = new ArrayList<>();
    List<CutoverEvent> journal = table.journal(plan);
    if (journal.isEmpty() || !(journal.get(journal.size() - 1) instanceof CutoverEvent.Finished f)
        || f.outcome() != Phase.COMPLETED) {
      problems.add("did not complete: " + (journal.isEmpty() ? "empty journal" : journal.get(journal.size() - 1)));
    }
    sandbox.zoneId = zones.get(plan);
    for (String pair : List.of("api.", "www.")) {
      long[] w = sandbox.weights(pair + plan + ".example.com.");
      if (w[0] != 0 || w[1] != 100) {
        problems.add(pair + plan + " at heroku=" + w[0] + " aws=" + w[1] + ", not all AWS");
      }
    }
    problems.addAll(CutoverInvariants.noBakeSkipped(journal, List.of(bakes.get(plan), LAST_BAKE)));
    problems.addAll(CutoverInvariants.forwardStepsInOrder(sandbox, zones.get(plan), List.of(10L, 100L)));
    return problems.stream().map(p -> plan + ": " + p).toList();
  }

  /** After the last {@code resumed}, a {@code bake-started} of the resumed step before that step completes. */
  static boolean freshBakeAfterResume(List<CutoverEvent> journal) {
    int resumedAt = -1;
    for (int i = 0; i < journal.size(); i++) {
      if (journal.get(i) instanceof CutoverEvent.Resumed) {
        resumedAt = i;
      }
    }
    if (resumedAt < 0) {
      return false;
    }
    int step = ((CutoverEvent.Resumed) journal.get(resumedAt)).step();
    for (CutoverEvent e : journal.subList(resumedAt + 1, journal.size())) {
      if (e instanceof CutoverEvent.BakeStarted b && b.step() == step) {
        return true;
      }
      if (e instanceof CutoverEvent.StepCompleted s && s.step() == step) {
        return false;
      }
    }
    return false;
  }

  void assertNoPairEverAllZeroOrHalfShifted() {
    assertThat(invariants.allZero()).as("changes that left a pair all-zero").isZero();
    assertThat(invariants.halfShifted()).as("changes that left a zone half-shifted").isZero();
  }

  /** Seconds from {@code from} to {@code to}, to the millisecond. */
  static double seconds(java.time.Instant from, java.time.Instant to) {
    return Duration.between(from, to).toMillis() / 1000.0;
  }

  @Override
  public void close() throws Exception {
    table.close();
    sandbox.close();
  }
}
