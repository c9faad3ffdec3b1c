package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.cutover.app.FaultProxy.Fault;
import dev.cutover.app.FaultProxy.Operation;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Split;
import dev.cutover.journal.FileJournal;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.ChangeEvent;
import dev.cutover.sandbox.route53.RecordSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * Issue "AWS throttling, 5xx errors, timeouts or a CloudWatch outage never leave traffic in a state nobody
 * chose": every AWS operation of a run × every way it fails, once briefly (the adapters' retries absorb it) and
 * once for longer than the retry deadline (the run fails safe). The real command line and SDK clients talk to
 * the sandbox through WireMock, which injects the fault; time is compressed 20 times.
 *
 * <p>The table printed after the class (and written to {@code target/fault-matrix.txt}): <i>faulted</i>, requests
 * WireMock answered with the fault; <i>requests</i>, all requests for the operation; <i>wire retries</i>, requests
 * minus those the sandbox answered 200; <i>adapter retries</i>, the attempts {@code Resilient} logged as retried;
 * <i>fault→safe</i>, scheduler time from the first faulted request to the journalled {@code Finished}.
 */
@Timeout(90)
class FaultMatrixIT {
  /** Time compressed 20 times: wall-clock jitter of a busy machine is amplified 20 times, not 40. */
  static final double SPEED = 20;
  static final List<Integer> STEPS = List.of(5, 50, 100);
  static final List<String> NAMES = List.of("api.example.com.", "www.example.com.");
  /**
   * SDK attempt timeout: 200 ms wall is 4 s of scheduler time, so two fit well in the 20 s Route 53 retry deadline
   * (1 s wall) and one plus a retry in the 10 s gate-read deadline (one poll, 500 ms wall).
   */
  static final Duration ATTEMPT_TIMEOUT = Duration.ofMillis(200);
  static final Duration CALL_TIMEOUT = Duration.ofMillis(300);
  /** A "timeout" fault answers after this long (wall), far past the attempt timeout. */
  static final int HANG_MILLIS = 1500;
  /** Transient faults: this many requests, fewer than unknownLimit so that gate reads may absorb them. */
  static final int TRANSIENT_FAULTS = 2;
  /** Persistent faults: this much scheduler time from the 5% step going live, three retry deadlines. */
  static final Duration PERSISTENT_WINDOW = Duration.ofSeconds(60);
  static final String PLAN = """
      name: PLAN_NAME
      zone: ZONE
      settle: 0s
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
        - { name: www.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 5, bake: 10s }
        - { split: 50, bake: 20s }
        - { split: 100, bake: 10s }
      gates:
        alarms: [api-5xx, api-p99]
        poll: 10s
        unknownLimit: 3
      faults:
        retryDeadline: 20s
        inSyncTimeout: 2m
      """;

  enum Window { TRANSIENT, PERSISTENT }

  /** One line of the printed matrix. */
  record Row(Operation op, Fault fault, Window window, int expected, int exit, long faulted, long requests,
      long retriesOnWire, long adapterRetries, Duration faultToSafe, String verdict) {}

  @TempDir static Path dir;
  static SandboxFixture sandbox;
  static FaultProxy proxy;
  static final List<Row> rows = Collections.synchronizedList(new ArrayList<>());
  static int caseNumber;

  @BeforeAll
  static void world() throws Exception {
    sandbox = new SandboxFixture(SPEED, dir.resolve("state"));
    proxy = new FaultProxy(sandbox.endpoint, sandbox.scheduler::clock);
    sandbox.cliEndpoint = proxy.endpoint;
    sandbox.alarm("api-5xx", StateValue.OK);
    sandbox.alarm("api-p99", StateValue.OK);
    // a cold JVM (and WireMock's first proxied requests) answers slower than the compressed deadlines allow
    SandboxFixture.Run warmUp = null;
    for (int i = 0; i < 3 && (warmUp == null || warmUp.exit() != 0); i++) {
      String zone = sandbox.zone("example.com.");
      NAMES.forEach(n -> sandbox.pair(n, 100, 0));
      warmUp = sandbox.cli("run", planFile("warm-up-" + i, zone).toString());
    }
    assertThat(warmUp.exit()).as("warm-up " + warmUp).isZero();
    sandbox.cliAwsTimeouts(ATTEMPT_TIMEOUT, CALL_TIMEOUT);
  }

  @AfterAll
  static void printMatrix() throws Exception {
    StringBuilder t = new StringBuilder("\nFault matrix (5→50→100, two record pairs, speed " + (int) SPEED
        + ", poll 10s, retryDeadline 20s, unknownLimit 3; times in scheduler time)\n");
    String format = "%-24s %-16s %-10s %8s %4s %7s %8s %12s %14s %13s  %s%n";
    t.append(String.format(format, "operation", "fault", "window", "expected", "exit", "faulted", "requests",
        "wire retries", "adapter retries", "fault→safe", "result"));
    for (Row r : rows) {
      t.append(String.format(format, r.op().awsName, r.fault(), r.window(), r.expected(), r.exit(), r.faulted(),
          r.requests(), r.retriesOnWire(), r.adapterRetries(),
          r.faultToSafe() == null ? "-" : r.faultToSafe().toMillis() / 1000.0 + " s", r.verdict()));
    }
    System.out.println(t);
    Files.writeString(Path.of("target", "fault-matrix.txt"), t.toString());
    if (proxy != null) {
      proxy.close();
    }
    if (sandbox != null) {
      sandbox.close();
    }
  }

  /** Every case; {@code -Dfaults.only=PERSISTENT,TIMEOUT} keeps those whose window, fault and operation match. */
  static Stream<Arguments> matrix() {
    List<String> only = List.of(System.getProperty("faults.only", "").split(",")).stream()
        .filter(x -> !x.isBlank()).toList();
    return Arrays.stream(Window.values()).flatMap(w -> Arrays.stream(Operation.values())
        .flatMap(op -> Arrays.stream(Fault.values()).map(f -> Arguments.of(op, f, w))))
        .filter(a -> only.stream().allMatch(o -> Arrays.stream(a.get()).anyMatch(x -> x.toString().equals(o))));
  }

  /** Transient faults complete the run; persistent ones revert: 7 for Route 53, 4 (gates unreadable) else. */
  static int expectedExit(Operation op, Window w) {
    return w == Window.TRANSIENT ? 0 : op.route53() ? 7 : 4;
  }

  /** What one {@code cutover run} against the fault proxy left behind. */
  record Attempt(SandboxFixture.Run run, String zone, List<CutoverEvent> journal, List<ServeEvent> served,
      long faulted, long adapterRetries, List<String> halfApplied) {

    /** The machine, not the fault: an unfaulted preflight read missed its compressed deadline on a busy host. */
    boolean preflightMissedItsDeadline() {
      return faulted == 0 && run.exit() == 3
          && journal.stream().anyMatch(CutoverEvent.PreflightFailed.class::isInstance);
    }
  }

  @ParameterizedTest(name = "{2} {1} on {0}")
  @MethodSource("matrix")
  void endsInAStateSomeoneChose(Operation op, Fault fault, Window window) throws Exception {
    Attempt a = attempt(op, fault, window);
    int runs = 1;
    for (; runs < 3 && a.preflightMissedItsDeadline(); runs++) {
      System.err.println("preflight of " + window + " " + fault + " on " + op + " missed its deadline before any"
          + " fault; running the case again:\n" + a.run());
      a = attempt(op, fault, window);
    }
    SandboxFixture.Run run = a.run();
    String zone = a.zone();
    List<CutoverEvent> journal = a.journal();
    List<ServeEvent> served = a.served();
    long faulted = a.faulted();
    long adapterRetries = a.adapterRetries();
    List<String> halfApplied = a.halfApplied();
    long answered = served.stream().filter(e -> !proxy.faulted(e) && e.getResponse().getStatus() == 200).count();
    Instant firstFault = served.stream().filter(proxy::faulted).map(proxy::servedAt).findFirst().orElse(null);
    Duration faultToSafe = firstFault == null || !(last(journal) instanceof CutoverEvent.Finished f) ? null
        : Duration.between(firstFault, f.at());
    int expected = expectedExit(op, window);
    boolean passed = false;
    try {
      assertThat(faulted).as("faults served: the case must exercise its fault\n" + run).isPositive();
      assertThat(run.exit()).as(run.toString()).isEqualTo(expected);
      Split end = expected == 0 ? Split.ALL_AWS : Split.ALL_HEROKU;
      for (String name : NAMES) {
        assertThat(weights(zone, name)).as(name).containsExactly((long) end.herokuWeight(), (long) end.awsWeight());
      }
      assertThat(halfApplied).as("every committed change leaves every pair at one of the plan's splits").isEmpty();
      assertNoStepSkipped(zone, expected == 0);
      assertJournalComplete(journal, run.exit());
      if (window == Window.PERSISTENT) {
        assertFailedSafeBecauseOf(op, journal);
      }
      passed = true;
    } finally {
      rows.add(new Row(op, fault, window, expected, run.exit(), faulted, served.size(), served.size() - answered,
          adapterRetries, faultToSafe, !passed ? "FAILED" : runs == 1 ? "ok"
              : "ok (run " + runs + " times: an unfaulted preflight read missed its deadline)"));
    }
  }

  /** One run of the plan on a fresh zone, with the fault injected once 5% is live. */
  Attempt attempt(Operation op, Fault fault, Window window) throws Exception {
    String plan = "faults-" + (++caseNumber);
    proxy.reset();
    String zone = sandbox.zone("example.com.");
    NAMES.forEach(n -> sandbox.pair(n, 100, 0));
    List<String> halfApplied = Collections.synchronizedList(new ArrayList<>());
    Runnable unlisten = sandbox.route53.onChange(c -> {
      if (c.zoneId().equals(zone)) {
        String problem = notOneOfThePlansSplits(zone);
        if (problem != null) {
          halfApplied.add("after " + c.comment() + ": " + problem);
        }
      }
    });
    ListAppender<ILoggingEvent> retries = new ListAppender<>();
    ch.qos.logback.classic.Logger resilient =
        (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(dev.cutover.aws.Resilient.class);
    retries.start();
    resilient.addAppender(retries);
    Path journalFile = dir.resolve("state").resolve(plan).resolve("journal.jsonl");
    AtomicBoolean over = new AtomicBoolean();
    CompletableFuture<Void> injected = afterFirstStepIsLive(journalFile, over, () -> {
      if (window == Window.TRANSIENT) {
        proxy.inject(op, fault, TRANSIENT_FAULTS, HANG_MILLIS);
      } else {
        proxy.injectUntilHealed(op, fault, HANG_MILLIS);
        sleep(wall(PERSISTENT_WINDOW));
        proxy.heal();
      }
    });
    SandboxFixture.Run run;
    try {
      run = sandbox.cli("run", planFile(plan, zone).toString());
    } finally {
      over.set(true);
      unlisten.run();
      resilient.detachAppender(retries);
    }
    injected.get(30, TimeUnit.SECONDS);
    List<ServeEvent> served = proxy.served().stream().filter(op::matches).toList();
    long adapterRetries = retries.list.stream().filter(e -> e.getFormattedMessage().contains(" " + op.awsName
        + " attempt")).count();
    return new Attempt(run, zone, Files.exists(journalFile) ? FileJournal.read(journalFile) : List.of(), served,
        served.stream().filter(proxy::faulted).count(), adapterRetries, List.copyOf(halfApplied));
  }

  // ---- the semantics

  /** Null when every pair is at the same split of the plan (0, 5, 50 or 100) with heroku = 100 − aws. */
  String notOneOfThePlansSplits(String zone) {
    Map<String, long[]> pairs = new TreeMap<>();
    for (RecordSet r : sandbox.route53.records(zone)) {
      if (r.setIdentifier() != null) {
        pairs.computeIfAbsent(r.name(), n -> new long[] {-1, -1})[r.setIdentifier().equals("heroku") ? 0 : 1] =
            r.weight();
      }
    }
    long aws = -1;
    for (var p : pairs.entrySet()) {
      long[] w = p.getValue();
      boolean planned = w[1] == 0 || STEPS.contains((int) w[1]);
      if (!planned || w[0] != 100 - w[1] || (aws != -1 && aws != w[1])) {
        return "pairs at " + pairs.entrySet().stream().map(e -> e.getKey() + " heroku=" + e.getValue()[0]
            + " aws=" + e.getValue()[1]).toList();
      }
      aws = w[1];
    }
    return null;
  }

  /** The forward batches' AWS weights are 5, 50, 100 in order, each applied at most once (all three if done). */
  void assertNoStepSkipped(String zone, boolean completed) {
    List<Long> forward = new ArrayList<>();
    for (ChangeEvent c : List.copyOf(sandbox.changes)) {
      if (c.zoneId().equals(zone) && c.comment() != null && c.comment().contains(": step ")) {
        List<Long> aws = c.changes().stream().filter(x -> x.action() == ChangeAction.CREATE
            && x.record().setIdentifier().equals("aws")).map(x -> x.record().weight()).distinct().toList();
        assertThat(aws).as("one split per forward batch: " + c.comment()).hasSize(1);
        forward.add(aws.get(0));
      }
    }
    List<Long> plan = STEPS.stream().map(Integer::longValue).toList();
    assertThat(forward.size()).as("forward batches " + forward).isLessThanOrEqualTo(plan.size());
    assertThat(forward).as("forward batches in plan order, none skipped or repeated")
        .isEqualTo(plan.subList(0, forward.size()));
    if (completed) {
      assertThat(forward).isEqualTo(plan);
    }
  }

  /** Ends Finished(exit); each intent is followed by its outcome; each revert by a change to 100% Heroku. */
  static void assertJournalComplete(List<CutoverEvent> journal, int exit) {
    assertThat(last(journal)).as("last journal event").isInstanceOfSatisfying(CutoverEvent.Finished.class,
        f -> assertThat(f.exitCode()).as("journalled exit code").isEqualTo(exit));
    for (int i = 0; i < journal.size(); i++) {
      List<CutoverEvent> after = journal.subList(i + 1, journal.size());
      if (journal.get(i) instanceof CutoverEvent.ShiftIntent s) {
        assertThat(after).as("outcome of " + s).anyMatch(e -> e instanceof CutoverEvent.ChangeSubmitted
            || e instanceof CutoverEvent.ChangeInSync || e instanceof CutoverEvent.ShiftFailed
            || e instanceof CutoverEvent.Conflict || e instanceof CutoverEvent.RevertIntent);
      }
      if (journal.get(i) instanceof CutoverEvent.RevertIntent r) {
        assertThat(after).as("a change to 100% Heroku (or its read-back) after " + r).anyMatch(e ->
            e instanceof CutoverEvent.ChangeSubmitted c && c.to().equals(Split.ALL_HEROKU)
                || e instanceof CutoverEvent.ChangeInSync sync && sync.split().equals(Split.ALL_HEROKU));
      }
    }
  }

  /** One revert, caused by this fault: Route 53 failing past its deadline, or gates unreadable unknownLimit times. */
  static void assertFailedSafeBecauseOf(Operation op, List<CutoverEvent> journal) {
    List<CutoverEvent.RevertIntent> reverts = journal.stream().filter(CutoverEvent.RevertIntent.class::isInstance)
        .map(CutoverEvent.RevertIntent.class::cast).toList();
    assertThat(reverts).as("one revert").hasSize(1);
    assertThat(reverts.get(0).reason()).as("why it reverted").contains(op.route53()
        ? "Route 53 " : "gates could not be read 3 times in a row");
  }

  // ---- helpers

  static Path planFile(String name, String zone) throws Exception {
    Path p = dir.resolve(name + ".yaml");
    Files.writeString(p, PLAN.replace("PLAN_NAME", name).replace("ZONE", zone));
    return p;
  }

  long[] weights(String zone, String name) {
    long[] w = new long[] {-1, -1};
    for (RecordSet r : sandbox.route53.records(zone)) {
      if (r.name().equals(name) && r.setIdentifier() != null) {
        w[r.setIdentifier().equals("heroku") ? 0 : 1] = r.weight();
      }
    }
    return w;
  }

  static CutoverEvent last(List<CutoverEvent> journal) {
    return journal.isEmpty() ? null : journal.get(journal.size() - 1);
  }

  static Duration wall(Duration scheduler) {
    return Duration.ofMillis((long) (scheduler.toMillis() / SPEED));
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Runs {@code action} on another thread once the journal shows the first step baking (5% live); does nothing if
   * the run is {@code over} before that (the case then fails for want of served faults).
   */
  static CompletableFuture<Void> afterFirstStepIsLive(Path journal, AtomicBoolean over,
      Runnable action) {
    return CompletableFuture.runAsync(() -> {
      while (!bakeStarted(journal)) {
        if (over.get()) {
          return;
        }
        sleep(Duration.ofMillis(5));
      }
      action.run();
    });
  }

  private static boolean bakeStarted(Path journal) {
    try {
      return Files.exists(journal)
          && FileJournal.read(journal).stream().anyMatch(CutoverEvent.BakeStarted.class::isInstance);
    } catch (Exception e) {
      return false;
    }
  }
}
