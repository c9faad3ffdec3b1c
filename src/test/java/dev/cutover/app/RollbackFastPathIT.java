package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import dev.cutover.app.FaultProxy.Fault;
import dev.cutover.app.FaultProxy.Operation;
import dev.cutover.aws.AwsClients;
import dev.cutover.aws.Resilient;
import dev.cutover.aws.Route53Weights;
import dev.cutover.cli.FastRollback;
import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.FaultPolicy;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.journal.StateDir;
import dev.cutover.testkit.Futures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cutover rollback PLAN --no-wait} as {@code Main} runs it (the picocli-free path, the synchronous SDK client),
 * against the sandbox's Route 53 behind a WireMock proxy that records and can fault every request. Throttling is
 * answered as Route 53 does ("Throttling for Amazon Route 53 API requests", Route 53 Developer Guide: HTTP 400,
 * code Throttling).
 */
@Timeout(60)
class RollbackFastPathIT {
  static final String API = "api.example.com.";
  static final String WWW = "www.example.com.";
  static final String PLAN = """
      name: fast-rollback
      zone: ZONE
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
        - { name: www.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 5, bake: 10m }
        - { split: 100, bake: 1h }
      gates:
        alarms: [api-5xx]
      faults:
        retryDeadline: 20s
      """;

  @TempDir Path dir;
  SandboxFixture sandbox;
  FaultProxy proxy;
  Path plan;

  @BeforeEach
  void world() throws Exception {
    sandbox = new SandboxFixture(1, dir.resolve("state"));
    sandbox.zone("example.com.");
    sandbox.pair(API, 50, 50);
    sandbox.pair(WWW, 5, 95);
    proxy = new FaultProxy(sandbox.endpoint, sandbox.scheduler::clock);
    plan = sandbox.plan(dir, PLAN);
  }

  @AfterEach
  void close() throws Exception {
    proxy.close();
    sandbox.close();
  }

  @Test
  void sendsTheBatchTheAsyncAdapterSentBeforeFirstThenJournalsIt() throws Exception {
    Run fast = rollback();
    String fastBatch = body(changes().get(0));
    sandbox.pair(API, 50, 50);
    sandbox.pair(WWW, 5, 95);
    proxy.reset();

    String before = asTheAsyncAdapterDid();

    assertThat(fast.exit()).as(fast.toString()).isZero();
    assertThat(fast.out()).contains("submitted: every pair to 100% Heroku by UPSERT", "not waiting for INSYNC");
    assertThat(fastBatch).isEqualTo(before).contains("<Action>UPSERT</Action>")
        .contains("<Comment>cutover rollback by tester</Comment>");
    List<String> journal = journalTypes();
    assertThat(journal).startsWith("revert-intent", "change-submitted");
  }

  @Test
  void aThrottledFirstAttemptOfTheBatchIsRetriedAndApplied() throws Exception {
    proxy.inject(Operation.CHANGE_RRSETS, Fault.THROTTLING, 1, 0);

    Run run = rollback();

    assertThat(run.exit()).as(run.toString()).isZero();
    List<ServeEvent> changes = changes();
    assertThat(changes).hasSize(2);
    assertThat(proxy.faulted(changes.get(0))).isTrue();
    assertThat(proxy.faulted(changes.get(1))).isFalse();
    assertThat(body(changes.get(1))).isEqualTo(body(changes.get(0)));
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
    assertThat(sandbox.weights(WWW)).containsExactly(100, 0);
  }

  @Test
  void aBatchStillThrottledAtTheDeadlineEndsWithAClearMessageAndNoStackTrace() throws Exception {
    sandbox.plan(dir, PLAN.replace("retryDeadline: 20s", "retryDeadline: 2s"));
    proxy.injectUntilHealed(Operation.CHANGE_RRSETS, Fault.THROTTLING, 0);

    Run run = rollback();

    assertThat(run.exit()).isEqualTo(3);
    assertThat(run.err()).contains("ChangeResourceRecordSets", "Throttling: Rate exceeded", "retry deadline of 2 s",
        "nothing was changed by this command").doesNotContain("\tat ");
    assertThat(sandbox.weights(API)).containsExactly(50, 50);
    assertThat(journalTypes()).as("nothing was applied, so nothing is journalled").isEmpty();
  }

  /** The old `rollback`: read with the async adapter, build the revert, apply it with the async adapter. */
  private String asTheAsyncAdapterDid() throws Exception {
    var options = AwsClients.Options.DEFAULTS.withEndpoint(proxy.endpoint);
    try (var client = AwsClients.route53(options)) {
      var resilient = new Resilient(sandbox.vertx, sandbox.scheduler, Resilient.Settings.route53(FaultPolicy.DEFAULT));
      var route53 = new Route53Weights(client, resilient);
      List<PairState> states = Futures.await(route53.read(sandbox.zoneId, List.of(pair(API), pair(WWW))));
      Futures.await(route53.apply(ChangeBatches.revert(sandbox.zoneId, states, "cutover rollback by tester")
          .orElseThrow()));
    }
    return body(changes().get(0));
  }

  private Run rollback() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    List<AppEnvironment> envs = new ArrayList<>();
    OptionalInt exit;
    try {
      exit = FastRollback.run(new String[] {"--state-dir", sandbox.stateDir.toString(), "--route53-endpoint",
          proxy.endpoint.toString(), "--by", "tester", "rollback", plan.toString(), "--no-wait"}, opts -> {
            AppEnvironment env = new AppEnvironment(opts, o, e, opts.timeSpeed());
            envs.add(env);
            return env;
          }, o, e);
    } finally {
      envs.forEach(AppEnvironment::close);
    }
    assertThat(exit).as("the fast path took the command").isPresent();
    return new Run(exit.getAsInt(), out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private List<ServeEvent> changes() {
    return proxy.served().stream().filter(Operation.CHANGE_RRSETS::matches).toList();
  }

  private static String body(ServeEvent e) {
    return e.getRequest().getBodyAsString();
  }

  private List<String> journalTypes() throws Exception {
    Path file = StateDir.resolve(sandbox.stateDir).journal("fast-rollback");
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream().map(l -> l.replaceAll("^\\{\"type\":\"([^\"]+)\".*", "$1")).toList();
  }

  private static RecordPair pair(String name) {
    return new RecordPair(name, "CNAME", "heroku", "aws");
  }

  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }
}
