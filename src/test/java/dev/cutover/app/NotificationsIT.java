package dev.cutover.app;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.cli.CutoverCli;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Plan;
import dev.cutover.engine.Controller;
import dev.cutover.engine.Supervisor;
import dev.cutover.notify.NotifyWiring;
import dev.cutover.plan.NotifyFileLoad;
import dev.cutover.plan.NotifyFileLoader;
import dev.cutover.plan.PlanLoader;
import dev.cutover.port.NotificationCounts;
import dev.cutover.port.Notifications;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.ChangeEvent;
import dev.cutover.testkit.Futures;
import dev.cutover.testkit.LogCapture;
import dev.cutover.time.VertxScheduler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Notifications end to end: a real supervisor (and the real {@code cutover run}) on the sandbox in compressed time,
 * an alarm that trips during the 50% bake, and Slack and PagerDuty played by WireMock on 127.0.0.1.
 */
@Timeout(120)
class NotificationsIT {
  static final double SPEED = 40;
  static final String API = OnePair.API;
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SLACK = "/services/T0001/B0001/E2ESLACKSECRET";
  static final String PAGERDUTY = "/v2/enqueue";
  /** The scenarios' plan (5% 30s, 50% 60s, 100% 30s; poll 5s), naming the PagerDuty sink. */
  static final String PLAN = CutoverScenariosIT.PLAN.formatted("", "api-5xx") + "notify: [oncall]\n";


  @TempDir Path dir;
  SandboxFixture sandbox;
  WireMockServer wire;

  @BeforeEach
  void world() throws Exception {
    sandbox = OnePair.sandbox(SPEED, dir, "api-5xx");
    wire = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wire.start();
    wire.stubFor(post(urlEqualTo(SLACK)).willReturn(aResponse().withStatus(200).withBody("ok")));
    wire.stubFor(post(urlEqualTo(PAGERDUTY)).willReturn(aResponse().withStatus(202)
        .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
  }

  @AfterEach
  void close() throws Exception {
    wire.stop();
    sandbox.close();
  }

  /** A --notify file: Slack for every plan, PagerDuty for plans that name it; the URLs in secret files. */
  Path notifyFile(String slackPath, String delivery) throws Exception {
    Path slackUrl = Files.writeString(dir.resolve("slack-url"), wire.baseUrl() + slackPath + "\n");
    Path routingKey = Files.writeString(dir.resolve("pd-key"), "E2EROUTINGKEYSECRET0000000000001\n");
    return Files.writeString(dir.resolve("notify.yaml"), """
        publicUrl: https://cutover.example.com
        %s
        sinks:
          releases:
            type: slack
            urlFile: %s
          oncall:
            type: pagerduty
            routingKeyFile: %s
            url: %s
            plans: named
        """.formatted(delivery, slackUrl, routingKey, wire.baseUrl() + PAGERDUTY));
  }

  Plan plan() {
    return new PlanLoader().parse(PLAN.replace("ZONE", sandbox.zoneId), "plan").plan().orElseThrow();
  }

  /** A supervisor as `serve` has one, over the sandbox, with the notifications of {@code file} listening. */
  record Running(Supervisor supervisor, Notifications notifications, CompletableFuture<Instant> flipped) {}

  Running supervisor(Path file) {
    NotifyFileLoad load = new NotifyFileLoader(Map.<String, String>of()::get).load(file);
    assertThat(load.problems()).isEmpty();
    AppEnvironment env = new AppEnvironment(new CutoverCli.Options(sandbox.stateDir, sandbox.endpoint,
        sandbox.endpoint, "tester", false, null, SPEED), quiet(), quiet(), sandbox.vertx, sandbox.scheduler);
    Supervisor supervisor = new Supervisor(sandbox.vertx, sandbox.scheduler, env.wiring());
    Notifications notifications = NotifyWiring.start(sandbox.vertx, VertxScheduler.wallTime(sandbox.vertx),
        load.settings().orElseThrow());
    supervisor.listen((name, e) -> supervisor.entry(name).ifPresent(en -> notifications.publish(en.plan(), e)));
    // 15 s of scheduler time into the 60 s bake of step 2, the AWS 5xx alarm trips
    CompletableFuture<Instant> flipped = new CompletableFuture<>();
    supervisor.listen((name, e) -> {
      if (e instanceof CutoverEvent.BakeStarted b && b.step() == 1) {
        sandbox.scheduler.schedule(Duration.ofSeconds(15), () -> {
          flipped.complete(sandbox.scheduler.clock().instant());
          sandbox.cloudWatch.setAlarmState("api-5xx", dev.cutover.sandbox.cloudwatch.StateValue.ALARM,
              "5xx above 10 for 1 datapoint", null);
        });
      }
    });
    return new Running(supervisor, notifications, flipped);
  }

  static PrintStream quiet() {
    return new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
  }

  List<LoggedRequest> received(String path) {
    return wire.getAllServeEvents().stream().map(ServeEvent::getRequest).filter(r -> r.getUrl().equals(path))
        .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
  }

  static JsonNode json(LoggedRequest r) {
    try {
      return JSON.readTree(r.getBodyAsString());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  /** Alarm to revert batch at Route 53, in scheduler time. */
  Duration reaction(Instant flipped) {
    ChangeEvent revert = sandbox.changes.get(sandbox.changes.size() - 1);
    assertThat(revert.changes()).allMatch(c -> c.action() == ChangeAction.UPSERT);
    return Duration.between(flipped, revert.submittedAt());
  }

  @Test
  void anAlarmThatTripsReachesSlackAndPagesUntilTheRevertIsConfirmed() throws Exception {
    Running r = supervisor(notifyFile(SLACK, ""));

    Controller.Result result = Futures.await(r.supervisor().submit(plan(),
        new Supervisor.Start("tester", false, false)).result());
    Futures.await(r.notifications().close());

    assertThat(result.exit().code()).as(result.message()).isEqualTo(4);
    assertThat(sandbox.weights(API)).containsExactly(100, 0);
    List<String> slack = received(SLACK).stream().map(q -> json(q).path("text").asText()).toList();
    Files.writeString(Path.of("target", "slack-messages.txt"), String.join("\n\n", slack) + "\n"); // README sample
    assertThat(slack).hasSize(4);
    assertThat(slack.get(0)).startsWith(":arrow_forward: *api-test* cutover started by tester");
    assertThat(slack.get(1)).startsWith(":white_check_mark: *api-test* step 1/3 (5% on AWS) baked healthy");
    assertThat(slack.get(2)).startsWith(":rotating_light: *api-test* REVERTING to 100% Heroku: a gate tripped")
        .contains("*Step:* 2/3 (50% on AWS)", "*Verdict:* BREACHED: api-5xx BREACHED", "*Reason:* ",
            "(trigger: gate api-5xx)",
            "<https://cutover.example.com/cutovers/api-test|Open api-test in the dashboard>");
    assertThat(slack.get(3)).startsWith(":leftwards_arrow_with_hook: *api-test* ROLLED BACK by a gate");
    List<JsonNode> pages = received(PAGERDUTY).stream().map(NotificationsIT::json).toList();
    assertThat(pages).extracting(p -> p.path("event_action").asText()).containsExactly("trigger", "resolve");
    assertThat(pages).extracting(p -> p.path("dedup_key").asText()).containsOnly("cutover/api-test");
    assertThat(pages.get(0).path("payload").path("severity").asText()).isEqualTo("critical");
    assertThat(pages.get(0).path("payload").path("source").asText()).isEqualTo("api.example.com");
    assertThat(reaction(r.flipped().get())).as("notifications do not slow the revert")
        .isLessThan(Duration.ofSeconds(5 + 5));
  }

  @Test
  void aSinkThatNeverAnswersDropsWhileTheCutoverStillRevertsOnTime() throws Exception {
    String broken = "/services/T0001/B0001/BROKENSECRET";
    wire.stubFor(post(urlEqualTo(broken)).willReturn(aResponse().withStatus(503).withFixedDelay(5_000)));
    Running r = supervisor(notifyFile(broken,
        "delivery: { queue: 1, timeout: 2s, attempts: 2, backoff: 1s, maxBackoff: 1s, drain: 1s }"));

    try (LogCapture logs = new LogCapture()) {
      Controller.Result result = Futures.await(r.supervisor().submit(plan(),
          new Supervisor.Start("tester", false, false)).result());

      assertThat(result.exit().code()).as(result.message()).isEqualTo(4);
      assertThat(reaction(r.flipped().get())).as("alarm to revert batch, in scheduler time")
          .isLessThan(Duration.ofSeconds(5 + 5));
      Futures.await(r.notifications().close());
      NotificationCounts.Sink slack = r.notifications().perSink().get(0);
      assertThat(slack.name()).isEqualTo("releases");
      assertThat(slack.sent()).isZero();
      assertThat(slack.dropped()).as("a queue of one behind a stuck sink").isPositive();
      assertThat(slack.failed() + slack.dropped()).as("every notice accounted for: started, step 1, revert, end")
          .isEqualTo(4);
      assertThat(logs.all()).contains("notification sink releases (slack): dropped").doesNotContain("BROKENSECRET");
      assertThat(received(PAGERDUTY)).as("the healthy sink is not held up by the broken one").hasSize(2);
    }
  }

  @Test
  void runWithNotifyDeliversEveryMessageBeforeItExits() throws Exception {
    Path plan = sandbox.plan(dir, PLAN);

    var run = sandbox.cli("run", plan.toString(), "--notify", notifyFile(SLACK, "").toString(),
        "--public-url", "https://dashboard.example.com/");

    assertThat(run.exit()).as(run.toString()).isZero();
    List<String> slack = received(SLACK).stream().map(q -> json(q).path("text").asText()).toList();
    assertThat(slack).as("started, three steps, completed").hasSize(5);
    assertThat(slack.get(4)).startsWith(":tada: *api-test* cutover COMPLETED: 100% on AWS")
        .contains("<https://dashboard.example.com/cutovers/api-test|");
    assertThat(received(PAGERDUTY)).singleElement().satisfies(p -> assertThat(json(p).path("event_action").asText())
        .isEqualTo("resolve"));
  }

  @Test
  void runWithoutNotifyRunsAPlanThatNamesSinksAndSaysNothingIsSent() throws Exception {
    var run = sandbox.cli("run", sandbox.plan(dir, PLAN).toString());

    assertThat(run.exit()).as(run.toString()).isZero();
    assertThat(run.err()).contains("warning: plan api-test names notification sinks (notify:), but without"
        + " --notify FILE nothing is sent");
    assertThat(wire.getAllServeEvents()).isEmpty();
  }

  @Test
  void runRefusesABadNotifyFileWithExitTwoBeforeChangingAnything() throws Exception {
    Path plan = sandbox.plan(dir, PLAN);
    Path file = Files.writeString(dir.resolve("bad.yaml"), """
        sinks:
          releases: { type: slack, urlEnv: CUTOVER_TEST_NEVER_SET }
          oncall: { type: pagerduty, routingKey: E2EROUTINGKEYSECRET }
        """);
    int before = sandbox.changes.size();

    var run = sandbox.cli("run", plan.toString(), "--notify", file.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("sinks.releases.urlEnv: environment variable CUTOVER_TEST_NEVER_SET is not set",
        "sinks.oncall.routingKey: `routingKey` would hold the PagerDuty routing key in this file")
        .doesNotContain("E2EROUTINGKEYSECRET");
    assertThat(sandbox.changes).hasSize(before);
  }

  @Test
  void runRefusesAPlanThatNamesASinkTheFileDoesNotDefine() throws Exception {
    Path plan = sandbox.plan(dir, PLAN.replace("notify: [oncall]", "notify: [on-call]"));

    var run = sandbox.cli("run", plan.toString(), "--notify", notifyFile(SLACK, "").toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(2);
    assertThat(run.err()).contains("names notification sink `on-call`", "[releases, oncall]");
  }

  @Test
  void serveRefusesABadNotifyFileWithExitTwoBeforeListening() throws Exception {
    Path file = Files.writeString(dir.resolve("bad.yaml"), "sinks:\n  releases: { type: slak }\n");

    var serve = InProcessMain.run("serve", "--state-dir", dir.resolve("serve").toString(), "--port", "0",
        "--notify", file.toString());

    assertThat(serve.exit()).as(serve.toString()).isEqualTo(2);
    assertThat(serve.err()).contains("sinks.releases.type: unknown sink type `slak`");
    assertThat(serve.out()).doesNotContain("API on");
  }
}
