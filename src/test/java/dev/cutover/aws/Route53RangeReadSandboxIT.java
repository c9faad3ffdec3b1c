package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.FaultPolicy;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.Split;
import dev.cutover.sandbox.route53.Change;
import dev.cutover.sandbox.route53.ChangeAction;
import dev.cutover.sandbox.route53.Route53Api;
import dev.cutover.sandbox.route53.Route53Model;
import dev.cutover.sandbox.route53.RecordSet;
import dev.cutover.testkit.Futures;
import dev.cutover.testkit.MutableClock;
import dev.cutover.time.VertxScheduler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.ext.web.Router;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.route53.Route53AsyncClient;

/**
 * {@link Route53Weights#read} through the real SDK against the sandbox Route 53 (its listing order: the reversed
 * name as one ASCII string with the trailing dot, Route 53 API Reference, ListResourceRecordSets "Sort order"), with
 * 700 filler records inside the plan's range so the read spans three pages of 300.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Route53RangeReadSandboxIT {
  private static final String ZONE_NAME = "example.com.";

  private Vertx vertx;
  private HttpServer server;
  private Route53Model model;
  private Route53AsyncClient client;
  private final AtomicInteger listings = new AtomicInteger();
  private String zone;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    model = new Route53Model(MutableClock.atEpochDay());
    Router router = Router.router(vertx);
    router.route().handler(ctx -> {
      if (ctx.request().path().endsWith("/rrset")) {
        listings.incrementAndGet();
      }
      ctx.next();
    });
    new Route53Api(model).mount(router);
    server = Futures.await(vertx.createHttpServer().requestHandler(router).listen(0, "127.0.0.1"));
    client = AwsClients.route53(AwsWireMock.testOptions(URI.create("http://127.0.0.1:" + server.actualPort())));
    zone = model.createHostedZone(ZONE_NAME, "range-read", null).zone().id();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @Test
  void readsPlanNamesDifferingBelowTheDotWildcardAndUnderscoreInOneRangeOfThreePages() throws Exception {
    List<RecordPair> plan = List.of(pair("api.example.com."), pair("api-v2.example.com."), pair("*.example.com."),
        pair("0day.example.com."), pair("_svc.example.com."), pair("b-c.example.com."));
    List<Change> changes = new ArrayList<>();
    for (RecordPair p : plan) {
      changes.add(new Change(ChangeAction.CREATE, RecordSet.weighted(p.name(), "CNAME", "heroku", 95, 60,
          "h.herokudns.com")));
      changes.add(new Change(ChangeAction.CREATE, RecordSet.weighted(p.name(), "CNAME", "aws", 5, 60,
          "alb.elb.amazonaws.com")));
    }
    for (int i = 0; i < 700; i++) { // com.example.api-f000. .. api-f699.: between 0day and api-v2
      changes.add(new Change(ChangeAction.CREATE, RecordSet.simple(String.format("api-f%03d.example.com.", i), "A",
          300, List.of("192.0.2.1"))));
    }
    model.changeResourceRecordSets(zone, "fixture", changes.subList(0, 500));
    model.changeResourceRecordSets(zone, "fixture", changes.subList(500, changes.size()));
    Resilient resilient = new Resilient(vertx, VertxScheduler.wallTime(vertx), Resilient.Settings.route53(
        new FaultPolicy(Duration.ofSeconds(5), 50, Duration.ofSeconds(5))));

    List<PairState> states = Futures.await(new Route53Weights(client, resilient).read(zone, plan));

    assertThat(states).hasSize(plan.size()).allSatisfy(s -> {
      assertThat(s.complete()).as(s.pair().label()).isTrue();
      assertThat(s.split()).contains(Split.of(5));
    });
    assertThat(listings.get()).as("712 records from 0day to b-c: three pages, no read by name").isEqualTo(3);
  }

  private static RecordPair pair(String name) {
    return new RecordPair(name, "CNAME", "heroku", "aws");
  }
}
