package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.domain.FaultPolicy;
import dev.cutover.port.Scheduler;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.cloudwatch.CloudWatchAsyncClient;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.Route53Client;

/**
 * Test kit: a WireMock server on 127.0.0.1, a real Vert.x with wall-time scheduler, and real SDK clients pointed
 * at WireMock, with small backoffs so retries take milliseconds. Register as a static {@code @RegisterExtension}:
 * one server, Vert.x and client pair per class (closing SDK clients takes seconds), stubs reset per test.
 */
final class AwsWireMock implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  static final Duration TEST_DEADLINE = Duration.ofSeconds(2);

  WireMockServer server;
  Vertx vertx;
  Scheduler scheduler;
  Route53AsyncClient route53;
  Route53Client route53Sync;
  CloudWatchAsyncClient cloudWatch;

  @Override
  public void beforeEach(ExtensionContext context) {
    server.resetAll();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = new WireMockServer(wireMockConfig().dynamicPort().bindAddress("127.0.0.1"));
    server.start();
    vertx = Vertx.vertx();
    scheduler = VertxScheduler.wallTime(vertx);
    AwsClients.Options options = testOptions(URI.create("http://127.0.0.1:" + server.port()));
    route53 = AwsClients.route53(options);
    route53Sync = AwsClients.route53Blocking(options);
    cloudWatch = AwsClients.cloudWatch(options);
  }

  static AwsClients.Options testOptions(URI endpoint) {
    return AwsClients.Options.DEFAULTS
        .withEndpoint(endpoint)
        .withRegion(Region.US_EAST_1)
        .withCredentials(StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "secret")))
        .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(3));
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    route53.close();
    route53Sync.close();
    cloudWatch.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    server.stop();
  }

  /** Route 53 settings with millisecond backoffs and a 2 s deadline. */
  Resilient.Settings route53Settings() {
    return Resilient.Settings.route53(new FaultPolicy(TEST_DEADLINE, 50, Duration.ofSeconds(5)))
        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(40));
  }

  Route53Weights route53Weights() {
    return route53Weights(route53Settings());
  }

  Route53Weights route53Weights(Resilient.Settings settings) {
    return new Route53Weights(route53, new Resilient(vertx, scheduler, settings), Duration.ofMillis(10),
        Duration.ofMillis(40));
  }

  /** The one-shot adapter on the synchronous client, with the same settings as {@link #route53Weights()}. */
  Route53Blocking route53Blocking() {
    return route53Blocking(route53Settings());
  }

  Route53Blocking route53Blocking(Resilient.Settings settings) {
    return new Route53Blocking(route53Sync, settings, java.time.Clock.systemUTC(), 1.0, Duration.ofSeconds(2),
        Duration.ofMillis(10), Duration.ofMillis(40));
  }

  CloudWatchSignals signals() {
    return signals(Resilient.Settings.cloudWatch(TEST_DEADLINE).withBackoff(Duration.ofMillis(5),
        Duration.ofMillis(40)).withRate(100));
  }

  CloudWatchSignals signals(Resilient.Settings settings) {
    return new CloudWatchSignals(cloudWatch, new Resilient(vertx, scheduler, settings));
  }

  /** GetChange of change C1 answers PENDING, PENDING, then INSYNC; returns its path. */
  String stubPendingPendingInsync() {
    String path = "/2013-04-01/change/C1";
    server.stubFor(WireMock.get(WireMock.urlPathEqualTo(path)).inScenario("sync").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(Route53Xml.changeInfo("GetChangeResponse", "C1", "PENDING")).willSetStateTo("pending2"));
    server.stubFor(WireMock.get(WireMock.urlPathEqualTo(path)).inScenario("sync").whenScenarioStateIs("pending2")
        .willReturn(Route53Xml.changeInfo("GetChangeResponse", "C1", "PENDING")).willSetStateTo("insync"));
    server.stubFor(WireMock.get(WireMock.urlPathEqualTo(path)).inScenario("sync").whenScenarioStateIs("insync")
        .willReturn(Route53Xml.changeInfo("GetChangeResponse", "C1", "INSYNC")));
    return path;
  }

  List<LoggedRequest> requests() {
    List<LoggedRequest> all = new ArrayList<>(
        server.getAllServeEvents().stream().map(e -> e.getRequest()).toList());
    Collections.reverse(all); // WireMock lists newest first
    return all;
  }

  static <T> T await(Future<T> future) throws Exception {
    return dev.cutover.testkit.Futures.await(future);
  }

  static Throwable failure(Future<?> future) throws Exception {
    return dev.cutover.testkit.Futures.failure(future);
  }

}
