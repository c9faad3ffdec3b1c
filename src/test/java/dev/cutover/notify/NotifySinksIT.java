package dev.cutover.notify;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static dev.cutover.notify.Events.BAKE_50;
import static dev.cutover.notify.Events.BREACHED;
import static dev.cutover.notify.Events.REVERT;
import static dev.cutover.notify.Events.ROLLED_BACK;
import static dev.cutover.notify.Events.SHIFT_50;
import static dev.cutover.notify.Events.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.NoticeKind;
import dev.cutover.domain.NotifySettings;
import dev.cutover.domain.Secret;
import dev.cutover.domain.Split;
import dev.cutover.port.NotificationCounts;
import dev.cutover.testkit.Futures;
import dev.cutover.testkit.LogCapture;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Each sink on the wire, against WireMock on 127.0.0.1, through the real Vert.x HTTP client and wall-time timers:
 * deliveries, 5xx then success, timeouts, 429 with Retry-After, a sink that fails for good, and no secret in any
 * log line.
 */
@Timeout(60)
class NotifySinksIT {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String SLACK_PATH = "/services/T0001/B0001/SLACKPATHSECRET";
  static final String HOOK_KEY = "hook-signing-key-0123456789-HOOKKEYSECRET";
  static final String ROUTING = "ROUTINGKEYSECRET0000000000000001";
  /** Short backoffs; a timeout that a cold first connection stays well within (a timeout may deliver twice). */
  static final NotifySettings.Delivery FAST = new NotifySettings.Delivery(10, Duration.ofSeconds(5), 4,
      Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));
  static final NotifySettings.Delivery IMPATIENT = new NotifySettings.Delivery(10, Duration.ofMillis(500), 4,
      Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(5));

  static WireMockServer wire;
  static Vertx vertx;
  NotificationHub hub;

  @BeforeAll
  static void start() {
    wire = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    wire.start();
    vertx = Vertx.vertx();
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    wire.stop();
  }

  @BeforeEach
  void reset() {
    wire.resetAll();
  }

  @AfterEach
  void closeHub() throws Exception {
    if (hub != null) {
      Futures.await(hub.close());
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + wire.port() + path;
  }

  NotifySettings.Sink slack(String path) {
    return new NotifySettings.Sink("releases", new NotifySettings.Slack(new Secret(url(path), "$SLACK_WEBHOOK")),
        EnumSet.allOf(NoticeKind.class), true);
  }

  NotificationHub hub(NotifySettings.Delivery delivery, NotifySettings.Sink... sinks) {
    hub = NotifyWiring.start(vertx, VertxScheduler.wallTime(vertx), new NotifySettings(
        Optional.of(URI.create("https://cutover.example.com")), delivery, List.of(sinks)));
    return hub;
  }

  static void publishRevert(NotificationHub hub) {
    for (CutoverEvent e : List.of(STARTED, SHIFT_50, BAKE_50, BREACHED, REVERT, ROLLED_BACK)) {
      hub.publish(Events.PLAN, e);
    }
  }

  static NotificationCounts.Sink counts(NotificationHub hub, String sink) {
    return hub.perSink().stream().filter(s -> s.name().equals(sink)).findFirst().orElseThrow();
  }

  /** Waits (bounded) until {@code done}; the sinks deliver on their own time. */
  static void await(String what, BooleanSupplier done) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within 20 s: " + what);
      }
      Thread.sleep(10); // polling the counters, bounded by the deadline above
    }
  }

  List<LoggedRequest> received(String path) {
    return wire.getAllServeEvents().stream().map(ServeEvent::getRequest).filter(r -> r.getUrl().equals(path))
        .sorted(Comparator.comparing(LoggedRequest::getLoggedDate)).toList();
  }

  @Test
  void slackGetsOneMessagePerNoticeInOrder() throws Exception {
    wire.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(200).withBody("ok")));
    NotificationHub hub = hub(FAST, slack(SLACK_PATH));

    publishRevert(hub);
    await("3 sent", () -> counts(hub, "releases").sent() == 3);

    List<String> texts = received(SLACK_PATH).stream().map(r -> text(r.getBodyAsString())).toList();
    assertThat(texts).hasSize(3);
    assertThat(texts.get(1)).contains("*api-prod* REVERTING to 100% Heroku", "*Step:* 2/3 (50% on AWS)",
        "*Verdict:* BREACHED", "*Reason:* alarm breached at 50%",
        "<https://cutover.example.com/cutovers/api-prod|Open api-prod in the dashboard>");
    wire.verify(3, postRequestedFor(urlEqualTo(SLACK_PATH)).withHeader("Content-Type", equalTo("application/json")));
  }

  @Test
  void aServerErrorIsRetriedUntilItIsDelivered() throws Exception {
    wire.stubFor(post(urlEqualTo(SLACK_PATH)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500)).willSetStateTo("one failed"));
    wire.stubFor(post(urlEqualTo(SLACK_PATH)).inScenario("flaky").whenScenarioStateIs("one failed")
        .willReturn(aResponse().withStatus(503)).willSetStateTo("two failed"));
    wire.stubFor(post(urlEqualTo(SLACK_PATH)).inScenario("flaky").whenScenarioStateIs("two failed")
        .willReturn(aResponse().withStatus(200).withBody("ok")));
    NotificationHub hub = hub(FAST, slack(SLACK_PATH));

    hub.publish(Events.PLAN, STARTED);
    await("delivered", () -> counts(hub, "releases").sent() == 1);

    assertThat(received(SLACK_PATH)).hasSize(3);
    assertThat(counts(hub, "releases").retries()).isEqualTo(2);
  }

  @Test
  void anAttemptWithoutAnswerTimesOutAndIsRetried() throws Exception {
    // a path of its own: WireMock journals the slow request once it has answered, after this test
    String path = "/services/T0001/B0001/SLOW";
    wire.stubFor(post(urlEqualTo(path)).inScenario("slow").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(200).withFixedDelay(3_000)).willSetStateTo("fast"));
    wire.stubFor(post(urlEqualTo(path)).inScenario("slow").whenScenarioStateIs("fast")
        .willReturn(aResponse().withStatus(200).withBody("ok")));
    NotificationHub hub = hub(IMPATIENT, slack(path));

    long start = System.nanoTime();
    hub.publish(Events.PLAN, STARTED);
    await("delivered", () -> counts(hub, "releases").sent() == 1);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).as("the 500 ms timeout, not the 3 s answer")
        .isLessThan(Duration.ofMillis(2_500));
    assertThat(counts(hub, "releases").retries()).isEqualTo(1);
  }

  @Test
  void rateLimitedWaitsAsLongAsRetryAfterSays() throws Exception {
    wire.stubFor(post(urlEqualTo(SLACK_PATH)).inScenario("limited").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("rate_limited"))
        .willSetStateTo("free"));
    wire.stubFor(post(urlEqualTo(SLACK_PATH)).inScenario("limited").whenScenarioStateIs("free")
        .willReturn(aResponse().withStatus(200).withBody("ok")));
    NotificationHub hub = hub(FAST, slack(SLACK_PATH));

    hub.publish(Events.PLAN, STARTED);
    await("delivered", () -> counts(hub, "releases").sent() == 1);

    List<LoggedRequest> attempts = received(SLACK_PATH);
    assertThat(attempts).hasSize(2);
    Duration gap = Duration.between(attempts.get(0).getLoggedDate().toInstant(),
        attempts.get(1).getLoggedDate().toInstant());
    assertThat(gap).as("Retry-After: 1, though the backoff is 50 ms").isGreaterThanOrEqualTo(Duration.ofMillis(990));
  }

  @Test
  void webhookReceiverVerifiesTheSignatureAndCanRefuseAReplay() throws Exception {
    wire.stubFor(post(urlEqualTo("/hooks/cutover")).willReturn(aResponse().withStatus(204)));
    NotificationHub hub = hub(FAST, new NotifySettings.Sink("audit", new NotifySettings.Webhook(
        new Secret(url("/hooks/cutover"), "$U"), new Secret(HOOK_KEY, "$K")), EnumSet.allOf(NoticeKind.class), true));

    hub.publish(Events.PLAN, STARTED);
    await("delivered", () -> counts(hub, "audit").sent() == 1);

    LoggedRequest r = received("/hooks/cutover").get(0);
    String ts = r.getHeader(Signature.TIMESTAMP);
    String sig = r.getHeader(Signature.HEADER);
    assertThat(sig).matches("sha256=[0-9a-f]{64}");
    assertThat(Signature.verify(HOOK_KEY, ts, sig, r.getBodyAsString(), Instant.now(), Duration.ofMinutes(5)))
        .as("fresh and signed with the shared key").isTrue();
    assertThat(Signature.verify(HOOK_KEY, ts, sig, r.getBodyAsString(), Instant.now().plus(Duration.ofMinutes(6)),
        Duration.ofMinutes(5))).as("the same request replayed six minutes later").isFalse();
    JsonNode body = JSON.readTree(r.getBodyAsString());
    assertThat(body.path("kind").asText()).isEqualTo("started");
    assertThat(r.getHeader(WebhookMessage.DELIVERY)).isEqualTo(body.path("id").asText());
  }

  /** PagerDuty Events API v2 answers 202 Accepted (developer docs, Events API v2 overview, response codes). */
  @Test
  void pagerDutyIsTriggeredByTheRevertAndResolvedWhenItIsConfirmed() throws Exception {
    wire.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(202)
        .withBody("{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"cutover/api-prod\"}")));
    NotificationHub hub = hub(FAST, new NotifySettings.Sink("oncall", new NotifySettings.PagerDuty(
        URI.create(url("/v2/enqueue")), new Secret(ROUTING, "$PD")), EnumSet.allOf(NoticeKind.class), true));

    publishRevert(hub);
    await("2 sent", () -> counts(hub, "oncall").sent() == 2);

    List<JsonNode> events = received("/v2/enqueue").stream().map(r -> json(r.getBodyAsString())).toList();
    assertThat(events).extracting(e -> e.path("event_action").asText()).containsExactly("trigger", "resolve");
    assertThat(events).extracting(e -> e.path("routing_key").asText()).containsOnly(ROUTING);
    assertThat(events).extracting(e -> e.path("dedup_key").asText()).containsOnly("cutover/api-prod");
    assertThat(events.get(0).path("payload").path("severity").asText()).isEqualTo("critical");
  }

  @Test
  void aSinkThatFailsForGoodFillsItsQueueDropsAndNeverHoldsUpThePublisher() throws Exception {
    String path = "/services/T0001/B0001/BROKEN";
    wire.stubFor(post(urlEqualTo(path)).willReturn(aResponse().withStatus(503).withFixedDelay(300)));
    NotifySettings.Delivery tiny = new NotifySettings.Delivery(2, Duration.ofMillis(500), 2, Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofSeconds(1));
    NotificationHub hub = hub(tiny, slack(path));

    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      hub.publish(Events.PLAN, new CutoverEvent.StepCompleted(Events.at(i), 0, Split.of(5), Duration.ofSeconds(i),
          false));
    }
    Duration publishing = Duration.ofNanos(System.nanoTime() - start);

    assertThat(publishing).as("20 publishes against a sink that answers in 300 ms").isLessThan(Duration.ofMillis(200));
    assertThat(counts(hub, "releases").dropped()).as("a queue of 2, one in flight").isGreaterThanOrEqualTo(17);
    await("the rest given up", () -> counts(hub, "releases").failed() >= 3
        || counts(hub, "releases").failed() + counts(hub, "releases").dropped() == 20);
    Futures.await(hub.close());
    NotificationCounts.Sink c = counts(hub, "releases");
    assertThat(c.sent()).isZero();
    assertThat(c.failed() + c.dropped()).as("every notice accounted for").isEqualTo(20);
  }

  @Test
  void noSecretReachesTheLogsWhateverTheFailure() throws Exception {
    String refusedPath = "/services/T0002/B0002/REFUSEDPATHSECRET";
    wire.stubFor(post(urlEqualTo(SLACK_PATH)).willReturn(aResponse().withStatus(404)
        .withBody("no_service for " + url(SLACK_PATH) + " key " + ROUTING)));
    wire.stubFor(post(urlEqualTo("/v2/enqueue")).willReturn(aResponse().withStatus(400)
        .withBody("{\"status\":\"invalid event\",\"message\":\"routing key " + ROUTING + " unknown\"}")));
    wire.stubFor(post(urlEqualTo("/hooks/slow")).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
    try (LogCapture logs = new LogCapture()) {
      NotificationHub hub = hub(IMPATIENT, slack(SLACK_PATH),
          new NotifySettings.Sink("oncall", new NotifySettings.PagerDuty(URI.create(url("/v2/enqueue")),
              new Secret(ROUTING, "$PD")), EnumSet.allOf(NoticeKind.class), true),
          new NotifySettings.Sink("closed", new NotifySettings.Slack(new Secret("http://127.0.0.1:1" + refusedPath,
              "$CLOSED")), EnumSet.allOf(NoticeKind.class), true),
          new NotifySettings.Sink("audit", new NotifySettings.Webhook(new Secret(url("/hooks/slow"), "$AUDIT_URL"),
              new Secret(HOOK_KEY, "$AUDIT_KEY")), EnumSet.allOf(NoticeKind.class), true));

      publishRevert(hub);
      await("every sink gave up", () -> hub.perSink().stream().allMatch(s -> s.failed() > 0));

      String all = logs.all();
      assertThat(all).contains("notification sink releases (slack): gave up", "HTTP 404 no_service for <redacted>",
          "notification sink oncall (pagerduty): gave up", "notification sink closed (slack)",
          "notification sink audit (webhook)");
      assertThat(all).doesNotContain("SLACKPATHSECRET", "ROUTINGKEYSECRET", "REFUSEDPATHSECRET", "HOOKKEYSECRET");
      assertThat(hub.toString() + hub.perSink()).doesNotContain("SECRET");
    }
  }

  static String text(String body) {
    return json(body).path("text").asText();
  }

  static JsonNode json(String body) {
    try {
      return JSON.readTree(body);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
