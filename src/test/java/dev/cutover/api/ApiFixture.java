package dev.cutover.api;

import static dev.cutover.testkit.Futures.await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.cutover.aws.AwsClients;
import dev.cutover.aws.CloudWatchSignals;
import dev.cutover.aws.Resilient;
import dev.cutover.aws.Route53Weights;
import dev.cutover.domain.CutoverEvent;
import dev.cutover.domain.Plan;
import dev.cutover.engine.CutoverView;
import dev.cutover.engine.Fleet;
import dev.cutover.engine.Supervisor;
import dev.cutover.journal.LocalPlanStore;
import dev.cutover.journal.LocalTokenStore;
import dev.cutover.journal.StateDir;
import dev.cutover.plan.PlanLoader;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Role;
import dev.cutover.port.Signals;
import dev.cutover.sandbox.ConnectionTimeouts;
import dev.cutover.sandbox.SandboxServer;
import dev.cutover.sandbox.quota.RequestRate;
import dev.cutover.sandbox.SandboxWorld;
import dev.cutover.sandbox.cloudwatch.StateValue;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/**
 * A real supervisor and fleet on the project's sandbox (Route 53 and CloudWatch on their wire protocols, on
 * loopback, time compressed), the real AWS adapters, a local plan store and token file in a temporary
 * directory, and the API server in front of them; tests talk to it over HTTP with the JDK's client. Used as a
 * JUnit extension ({@link #perClass()}, {@link #perTest()}) or started by hand ({@link #start}).
 */
final class ApiFixture implements AutoCloseable, BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
    AfterEachCallback {
  static final double SPEED = 20;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final AtomicInteger names = new AtomicInteger();

  private final ApiServer.Options options;
  private final boolean perTest;
  private Path ownDir;
  Vertx vertx;
  VertxScheduler scheduler;
  SandboxServer sandbox;
  Fleet fleet;
  LocalTokenStore tokens;
  ApiServer api;
  URI base;
  HttpClient http;
  final Map<Role, String> token = new EnumMap<>(Role.class);
  private Route53AsyncClient route53;
  private CloudWatchAsyncClient cloudWatch;

  private ApiFixture(ApiServer.Options options, HttpClient http, boolean perTest) {
    this.options = options;
    this.http = http;
    this.perTest = perTest;
  }

  /** As a JUnit extension in a static field: one fleet and server for the test class, on loopback. */
  static ApiFixture perClass() {
    return new ApiFixture(loopback(), client(), false);
  }

  /** As a JUnit extension in an instance field: a fleet and server of its own for each test. */
  static ApiFixture perTest() {
    return new ApiFixture(loopback(), client(), true);
  }

  /** Started now, with these server options, in {@code dir}; the caller closes it. */
  static ApiFixture start(Path dir, ApiServer.Options options, HttpClient http) throws Exception {
    ApiFixture f = new ApiFixture(options, http, false);
    f.open(dir);
    return f;
  }

  private static ApiServer.Options loopback() {
    return ApiServer.Options.defaults().withAddress("127.0.0.1", 0);
  }

  private static HttpClient client() {
    return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    if (!perTest) {
      ownDir = Files.createTempDirectory("cutover-api-");
      open(ownDir);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    if (!perTest) {
      close();
    }
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    if (perTest) {
      ownDir = Files.createTempDirectory("cutover-api-");
      open(ownDir);
    }
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    if (perTest) {
      close();
    }
  }

  private void open(Path dir) throws Exception {
    token.clear();
    vertx = Vertx.vertx();
    scheduler = VertxScheduler.scaled(vertx, SPEED);
    // INSYNC at once; alarms never re-evaluated (they stay as a test sets them)
    sandbox = await(SandboxServer.start(vertx, scheduler, new SandboxServer.Options("127.0.0.1", 0, Duration.ZERO,
        Duration.ZERO, Duration.ofDays(1), 1, RequestRate.UNLIMITED, RequestRate.UNLIMITED,
        ConnectionTimeouts.DEFAULTS)));
    var aws = AwsClients.Options.DEFAULTS.withEndpoint(sandbox.endpoint()).withRegion(Region.US_EAST_1)
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDSANDBOX", "sandbox")));
    route53 = AwsClients.route53(aws);
    cloudWatch = AwsClients.cloudWatch(aws);
    StateDir state = new StateDir(dir.resolve("state"));
    Supervisor.Wiring wiring = new Supervisor.Wiring() {
      @Override
      public DnsWeights dns(Plan plan) {
        return new Route53Weights(route53, new Resilient(vertx, scheduler, Resilient.Settings.route53(plan.faults())),
            Duration.ofMillis(200), Duration.ofSeconds(1));
      }

      @Override
      public Signals signals(Plan plan) {
        return new CloudWatchSignals(cloudWatch, new Resilient(vertx, scheduler,
            Resilient.Settings.cloudWatch(plan.gates().readBound())));
      }

      @Override
      public PlanStore store(String planName) {
        return new LocalPlanStore(vertx, state, planName);
      }
    };
    fleet = new Fleet(vertx, new Supervisor(vertx, scheduler, wiring), wiring);
    tokens = LocalTokenStore.in(vertx, state);
    for (Role r : Role.values()) {
      token.put(r, await(tokens.create(r.label() + "-token", r, Instant.now())));
    }
    api = await(ApiServer.start(vertx, fleet, tokens, options));
    base = URI.create((options.tls().isPresent() ? "https" : "http") + "://127.0.0.1:" + api.port() + "/api/v1");
  }

  /** A plan name no other test uses. */
  static String uniqueName(String prefix) {
    return prefix + "-" + names.incrementAndGet();
  }

  /**
   * The YAML of a plan on {@code record} in a zone of its own, whose first step waits for approval (so its cutover
   * stays running until told otherwise); its world (zone, pair at 100% Heroku, alarm) is built in the sandbox.
   */
  String plan(String name, String zone, String record) {
    return plan(name, zone, record, """
          - { split: 5, bake: 1h, approval: true }
          - { split: 100, bake: 1h }
        """, "");
  }

  /**
   * The YAML of a plan with these {@code steps} (YAML list items, indented two spaces) and {@code labels} (a YAML flow
   * mapping, or empty), its world built in the sandbox as {@link #plan(String, String, String)} does.
   */
  String plan(String name, String zone, String record, String steps, String labels) {
    String yaml = """
        name: %s
        zone: %s
        settle: 0s
        %s
        records:
          - { name: %s, type: CNAME, heroku: heroku, aws: aws }
        steps:
        %s
        gates:
          alarms: [%s-5xx-rate]
          poll: 10s
        faults:
          retryDeadline: 30s
          inSyncTimeout: 2m
        """.formatted(name, zone, labels.isEmpty() ? "" : "labels: " + labels, record, steps.stripTrailing(), name);
    Plan plan = new PlanLoader().parse(yaml, name).plan().orElseThrow();
    SandboxWorld.build(plan, sandbox);
    return yaml;
  }

  /**
   * Submits a plan of these steps and labels by the admin over the API, its alarm OK (so its bakes count); does not
   * wait for it to run.
   */
  String submit(String prefix, String steps, String labels) throws Exception {
    String name = uniqueName(prefix);
    String yaml = plan(name, zoneOf(name), name + ".example.com.", steps, labels);
    alarm(name, StateValue.OK);
    HttpResponse<String> r = post("/cutovers", Role.ADMIN, "application/yaml", yaml);
    if (r.statusCode() != 201) {
      throw new AssertionError("submit failed: " + r.statusCode() + " " + r.body());
    }
    return name;
  }

  /** Sets the state of the plan's alarm (as {@link #plan} names it). */
  void alarm(String name, StateValue state) {
    sandbox.cloudWatch().setAlarmState(name + "-5xx-rate", state, "set by the test", null);
  }

  /** A running plan (awaiting approval of its first step), submitted by the admin over the API. */
  String running(String prefix) throws Exception {
    String name = uniqueName(prefix);
    HttpResponse<String> r = post("/cutovers", Role.ADMIN, "application/yaml",
        plan(name, zoneOf(name), name + ".example.com."));
    if (r.statusCode() != 201) {
      throw new AssertionError("submit failed: " + r.statusCode() + " " + r.body());
    }
    awaitView(name, v -> v.phase().equals("AWAITING_APPROVAL"));
    awaitEvent(name, CutoverEvent.ApprovalRequested.class, e -> true); // journalled just after the state changed
    return name;
  }

  /**
   * A running plan with labels, submitted through the fleet itself: labels come with the plan, and PlanLoader does
   * not read a {@code labels:} key yet.
   */
  String runningWithLabels(String prefix, Map<String, String> labels) throws Exception {
    String name = uniqueName(prefix);
    Plan p = new PlanLoader().parse(plan(name, zoneOf(name), name + ".example.com."), name).plan().orElseThrow();
    fleet.submit(new Plan(p.name(), p.zone(), p.records(), p.steps(), p.gates(), p.maxTtl(), p.settle(),
        p.faults(), labels), "test");
    awaitView(name, v -> v.phase().equals("AWAITING_APPROVAL"));
    return name;
  }

  /** A zone id of its own for each plan (uppercase letters and digits). */
  static String zoneOf(String name) {
    return "Z" + name.toUpperCase().replaceAll("[^A-Z0-9]", "");
  }

  /** Waits until /readyz says ready (e.g. the identity provider's keys are fetched). */
  void awaitReady() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (get("/readyz", Role.VIEWER).statusCode() != 200) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not ready in 20 s: " + get("/readyz", Role.VIEWER).body());
      }
      Thread.sleep(20); // polling readiness, bounded by the deadline above
    }
  }

  CutoverView awaitView(String name, Predicate<CutoverView> until) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    CutoverView last = null;
    while (System.nanoTime() < deadline) {
      last = fleet.view(name).orElse(null);
      if (last != null && until.test(last)) {
        return last;
      }
      Thread.sleep(20); // polling the supervisor's view, bounded by the deadline above
    }
    throw new AssertionError("plan " + name + " did not reach the expected state in 20 s; last view: " + last);
  }

  /** The first journalled event of this type that matches, once the journal has it (within 20 s). */
  <T extends CutoverEvent> T awaitEvent(String name, Class<T> type, Predicate<T> matching) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    List<CutoverEvent> journal = List.of();
    while (System.nanoTime() < deadline) {
      journal = await(fleet.events(name));
      for (CutoverEvent e : journal) {
        if (type.isInstance(e) && matching.test(type.cast(e))) {
          return type.cast(e);
        }
      }
      Thread.sleep(20); // polling the journal, bounded by the deadline above
    }
    throw new AssertionError("no matching " + type.getSimpleName() + " journalled for " + name + ": " + journal);
  }

  HttpResponse<String> get(String path, Role role) throws Exception {
    return send(request(path, token.get(role)).GET());
  }

  HttpResponse<String> get(String path, String bearer) throws Exception {
    return send(request(path, bearer).GET());
  }

  HttpResponse<String> post(String path, Role role, String contentType, String body) throws Exception {
    return post(path, token.get(role), contentType, body);
  }

  HttpResponse<String> post(String path, String bearer, String contentType, String body) throws Exception {
    HttpRequest.Builder b = request(path, bearer).POST(HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b);
  }

  HttpResponse<String> delete(String path, Role role) throws Exception {
    return send(request(path, token.get(role)).DELETE());
  }

  HttpRequest.Builder request(String path, String bearer) {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(15));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return b;
  }

  HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  /** A JSON error of this status whose message says {@code words}, with a problems list and no stack trace. */
  static void assertError(HttpResponse<String> r, int status, String... words) throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t)
        .startsWith("application/json"));
    JsonNode body = json(r);
    assertThat(body.path("error").asText()).contains(words);
    assertThat(body.path("problems").isArray()).isTrue();
    assertThat(r.body()).doesNotContain("Exception", "\tat ");
  }

  @Override
  public void close() throws Exception {
    await(api.close());
    await(sandbox.close());
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS); // stops every cutover's timers
    route53.close();
    cloudWatch.close();
    if (ownDir != null) {
      try (var files = Files.walk(ownDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
      }
      ownDir = null;
    }
  }
}
