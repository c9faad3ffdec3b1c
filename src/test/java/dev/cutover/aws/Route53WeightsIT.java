package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.aws.AwsWireMock.await;
import static dev.cutover.aws.AwsWireMock.failure;
import static dev.cutover.aws.Route53Xml.changeInfo;
import static dev.cutover.aws.Route53Xml.cname;
import static dev.cutover.aws.Route53Xml.error;
import static dev.cutover.aws.Route53Xml.listPage;
import static dev.cutover.aws.Route53Xml.next;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.matching.MatchesXPathPattern;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.Split;
import dev.cutover.domain.WeightedRecord;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.DnsConflictException;
import io.vertx.core.Context;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class Route53WeightsIT {
  static final String ZONE = "Z0123456789ABCDEFGHIJ";
  static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";
  static final String API = "api.example.com.";
  static final RecordPair PAIR = new RecordPair(API, "CNAME", "heroku", "aws");
  static final RecordPair WWW = new RecordPair("www.example.com.", "CNAME", "heroku", "aws");

  @RegisterExtension static final AwsWireMock aws = new AwsWireMock();

  @Test
  void readsBothSidesOfAPairAcrossTwoPages() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo(RRSET))
        .withQueryParam("name", equalTo(API)).withQueryParam("type", equalTo("CNAME"))
        .withQueryParam("identifier", absent()).withQueryParam("maxitems", equalTo("300"))
        .willReturn(listPage(next(API, "CNAME", "heroku"), cname(API, "aws", 5, 60, "alb-1.elb.amazonaws.com"))));
    aws.server.stubFor(get(urlPathEqualTo(RRSET)).withQueryParam("identifier", equalTo("heroku"))
        .willReturn(listPage(null, cname(API, "heroku", 95, 60, "x.herokudns.com"),
            cname("www.example.com.", "heroku", 100, 60, "y.herokudns.com"))));

    List<PairState> states = await(aws.route53Weights().read("/hostedzone/" + ZONE, List.of(PAIR)));

    assertThat(states).hasSize(1);
    PairState s = states.get(0);
    assertThat(s.heroku()).isEqualTo(new WeightedRecord(API, "CNAME", "heroku", 95, 60L,
        List.of("x.herokudns.com"), null, null));
    assertThat(s.aws().weight()).isEqualTo(5);
    assertThat(s.split()).contains(Split.of(5));
    assertThat(aws.requests()).hasSize(2);
  }

  @Test
  void everyPairOfAPlanIsReadInOneRequestPerPageNotOnePerPair() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo(RRSET))
        .withQueryParam("name", equalTo(API)).withQueryParam("type", equalTo("CNAME"))
        .willReturn(listPage(null, cname(API, "aws", 5, 60, "alb-1.elb.amazonaws.com"),
            cname(API, "heroku", 95, 60, "x.herokudns.com"),
            cname("www.example.com.", "aws", 5, 60, "alb-1.elb.amazonaws.com"),
            cname("www.example.com.", "heroku", 95, 60, "y.herokudns.com"))));

    List<PairState> states = await(aws.route53Weights().read(ZONE, List.of(WWW, PAIR)));

    assertThat(states).extracting(p -> p.pair().name()).as("plan order kept")
        .containsExactly("www.example.com.", API);
    assertThat(states).allSatisfy(p -> assertThat(p.split()).contains(Split.of(5)));
    assertThat(aws.requests()).hasSize(1);
  }

  @Test
  void aMissingSideReadsAsNull() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo(RRSET)).withQueryParam("name", equalTo("www.example.com."))
        .willReturn(listPage(null, cname("www.example.com.", "heroku", 100, 60, "y.herokudns.com"),
            cname("zzz.example.com.", "aws", 0, 60, "alb-1.elb.amazonaws.com"))));

    List<PairState> states = await(aws.route53Weights().read(ZONE, List.of(WWW)));

    assertThat(states.get(0).heroku().weight()).isEqualTo(100);
    assertThat(states.get(0).aws()).isNull();
    assertThat(states.get(0).complete()).isFalse();
  }

  @Test
  void appliesAShiftAsDeleteExactCurrentAndCreateNewInOneRequest() throws Exception {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/"))
        .withRequestBody(new MatchesXPathPattern("/r:ChangeResourceRecordSetsRequest/r:ChangeBatch/r:Comment",
            equalTo("step 2: 50%")).withXPathNamespace("r", Route53Xml.NS))
        .withRequestBody(new MatchesXPathPattern("count(//r:Change)", equalTo("8"))
            .withXPathNamespace("r", Route53Xml.NS))
        .willReturn(changeInfo("ChangeResourceRecordSetsResponse", "C2682N5HXP0BZ4", "PENDING")));
    ChangeBatch batch = ChangeBatches.shift(ZONE,
        List.of(pair(PAIR, 95, 5), pair(WWW, 95, 5)), Split.of(50), "step 2: 50%").orElseThrow();

    String changeId = await(aws.route53Weights().apply(batch));

    assertThat(changeId).isEqualTo("C2682N5HXP0BZ4");
    assertThat(aws.requests()).hasSize(1);
    assertThat(Route53Xml.changes(aws.requests().get(0).getBodyAsString())).containsExactly(
        "DELETE heroku weight=95 ttl=60 value=x.herokudns.com",
        "DELETE aws weight=5 ttl=60 value=alb-1.elb.amazonaws.com",
        "CREATE heroku weight=50 ttl=60 value=x.herokudns.com",
        "CREATE aws weight=50 ttl=60 value=alb-1.elb.amazonaws.com",
        "DELETE heroku weight=95 ttl=60 value=x.herokudns.com",
        "DELETE aws weight=5 ttl=60 value=alb-1.elb.amazonaws.com",
        "CREATE heroku weight=50 ttl=60 value=x.herokudns.com",
        "CREATE aws weight=50 ttl=60 value=alb-1.elb.amazonaws.com");
  }

  @Test
  void aRevertIsSentAsUpserts() throws Exception {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/"))
        .willReturn(changeInfo("ChangeResourceRecordSetsResponse", "C1", "PENDING")));
    ChangeBatch batch = ChangeBatches.revert(ZONE, List.of(pair(PAIR, 50, 50)), "revert").orElseThrow();

    await(aws.route53Weights().apply(batch));

    assertThat(Route53Xml.changes(aws.requests().get(0).getBodyAsString())).containsExactly(
        "UPSERT heroku weight=100 ttl=60 value=x.herokudns.com",
        "UPSERT aws weight=0 ttl=60 value=alb-1.elb.amazonaws.com");
  }

  @Test
  void aCasMismatchFailsWithAConflictNamingTheRecordAndBothValues() throws Exception {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/")).willReturn(error(400, "InvalidChangeBatch",
        "[Tried to delete resource record set [name='api.example.com.', type='CNAME', set-identifier='heroku']"
            + " but the values provided do not match the current values]")));
    aws.server.stubFor(get(urlPathEqualTo(RRSET)).willReturn(listPage(null,
        cname(API, "aws", 20, 60, "alb-1.elb.amazonaws.com"), cname(API, "heroku", 80, 60, "x.herokudns.com"))));
    ChangeBatch batch = ChangeBatches.shift(ZONE, List.of(pair(PAIR, 95, 5)), Split.of(50), "s").orElseThrow();

    Throwable error = failure(aws.route53Weights().apply(batch));

    assertThat(error).isInstanceOf(DnsConflictException.class);
    assertThat(((DnsConflictException) error).details()).containsExactly(
        "api.example.com. CNAME [heroku]: expected weight 95 ttl 60 -> x.herokudns.com,"
            + " found weight 80 ttl 60 -> x.herokudns.com",
        "api.example.com. CNAME [aws]: expected weight 5 ttl 60 -> alb-1.elb.amazonaws.com,"
            + " found weight 20 ttl 60 -> alb-1.elb.amazonaws.com");
    aws.server.verify(1, postRequestedFor(urlPathEqualTo(RRSET + "/")));
    aws.server.verify(1, getRequestedFor(urlPathEqualTo(RRSET)));
    assertThat(aws.requests()).hasSize(2);
  }

  @Test
  void anotherInvalidChangeBatchIsNotAConflictAndNotTransient() throws Exception {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/")).willReturn(error(400, "InvalidChangeBatch",
        "[RRSet with DNS name api.example.com. is not permitted in zone example.org.]")));
    ChangeBatch batch = ChangeBatches.shift(ZONE, List.of(pair(PAIR, 95, 5)), Split.of(50), "s").orElseThrow();

    Throwable error = failure(aws.route53Weights().apply(batch));

    assertThat(error).isInstanceOf(AwsCallException.class).hasMessageContaining("InvalidChangeBatch");
    assertThat(((AwsCallException) error).wasTransient()).isFalse();
    assertThat(aws.requests()).hasSize(1);
  }

  @Test
  void throttlingTwiceThenSuccessIsApplied() throws Exception {
    failTwiceThenSucceed(error(400, "Throttling", "Rate exceeded"));

    assertThat(await(aws.route53Weights().apply(shiftBatch()))).isEqualTo("C1");
    assertThat(aws.requests()).hasSize(3);
  }

  @Test
  void priorRequestNotCompleteThenSuccessIsApplied() throws Exception {
    failTwiceThenSucceed(error(400, "PriorRequestNotComplete",
        "The request was rejected because Route 53 was still processing a prior request."));

    assertThat(await(aws.route53Weights().apply(shiftBatch()))).isEqualTo("C1");
    assertThat(aws.requests()).hasSize(3);
  }

  @Test
  void serverErrorThenSuccessIsApplied() throws Exception {
    failTwiceThenSucceed(error(500, "InternalFailure", "internal error"));

    assertThat(await(aws.route53Weights().apply(shiftBatch()))).isEqualTo("C1");
    assertThat(aws.requests()).hasSize(3);
  }

  @Test
  void invalidInputFailsAtOnceWithoutRetry() throws Exception {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/"))
        .willReturn(error(400, "InvalidInput", "Invalid XML ; cvc-complex-type.2.4.a")));

    Throwable error = failure(aws.route53Weights().apply(shiftBatch()));

    assertThat(error).isInstanceOf(AwsCallException.class).hasMessageContaining("InvalidInput");
    assertThat(((AwsCallException) error).wasTransient()).isFalse();
    assertThat(aws.requests()).hasSize(1);
  }

  @Test
  void throttlingPastTheDeadlineFailsAsTransient() throws Exception {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/")).willReturn(error(400, "Throttling", "Rate exceeded")));
    var weights = aws.route53Weights(aws.route53Settings().withDeadline(Duration.ofMillis(300)));

    Throwable error = failure(weights.apply(shiftBatch()));

    assertThrottledPastADeadlineOf300Ms(error);
    assertThat(aws.requests().size()).isGreaterThan(2);
  }

  /** A change batch throttled until its 300 ms deadline: a transient failure naming the call and the last error. */
  static void assertThrottledPastADeadlineOf300Ms(Throwable error) {
    assertThat(error).isInstanceOf(AwsCallException.class)
        .hasMessageContaining("ChangeResourceRecordSets")
        .hasMessageContaining("Throttling: Rate exceeded")
        .hasMessageContaining("retry deadline of 300 ms");
    assertThat(((AwsCallException) error).wasTransient()).isTrue();
  }

  @Test
  void anAttemptWithoutAnswerStillFailsAtTheDeadline() throws Exception {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/"))
        .willReturn(changeInfo("ChangeResourceRecordSetsResponse", "C1", "PENDING").withFixedDelay(1500)));
    var weights = aws.route53Weights(aws.route53Settings().withDeadline(Duration.ofMillis(300)));
    long started = System.nanoTime();

    Throwable error = failure(weights.apply(shiftBatch()));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
    assertThat(error).isInstanceOf(AwsCallException.class).hasMessageContaining("no answer in time");
    assertThat(((AwsCallException) error).wasTransient()).isTrue();
  }

  @Test
  void awaitInSyncCompletesAfterPendingPendingInsync() throws Exception {
    String path = aws.stubPendingPendingInsync();

    await(aws.route53Weights().awaitInSync("/change/C1", Duration.ofSeconds(5)));

    aws.server.verify(3, getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void awaitInSyncFailsAfterTheTimeoutSayingHowToCheck() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/change/C9"))
        .willReturn(changeInfo("GetChangeResponse", "C9", "PENDING")));

    Throwable error = failure(aws.route53Weights().awaitInSync("C9", Duration.ofMillis(200)));

    assertThat(error).isInstanceOf(AwsCallException.class)
        .hasMessageContaining("change C9 is still PENDING")
        .hasMessageContaining("aws route53 get-change --id C9");
  }

  @Test
  void zoneNameStripsTheHostedZonePrefix() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/" + ZONE)).willReturn(Route53Xml.xml(200,
        "<GetHostedZoneResponse xmlns=\"" + Route53Xml.NS + "\"><HostedZone><Id>/hostedzone/" + ZONE + "</Id>"
            + "<Name>example.com.</Name><CallerReference>ref</CallerReference></HostedZone>"
            + "</GetHostedZoneResponse>")));

    assertThat(await(aws.route53Weights().zoneName("/hostedzone/" + ZONE))).isEqualTo("example.com.");
  }

  @Test
  void anUnknownZoneSaysToCheckThePlan() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/hostedzone/ZNOPE"))
        .willReturn(error(404, "NoSuchHostedZone", "No hosted zone found with ID: ZNOPE")));

    Throwable error = failure(aws.route53Weights().zoneName("ZNOPE"));

    assertThat(error).isInstanceOf(AwsCallException.class)
        .hasMessageContaining("hosted zone ZNOPE does not exist in this account; check `zone:` in the plan");
    assertThat(aws.requests()).hasSize(1);
  }

  @Test
  void theCircuitBreakerOpensAndThenFailsFastWithoutARequest() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/change/C1"))
        .willReturn(error(500, "InternalFailure", "internal error")));
    var weights = aws.route53Weights(aws.route53Settings().withBreaker(3, Duration.ofMinutes(1)));

    Throwable first = failure(weights.awaitInSync("C1", Duration.ofSeconds(5)));
    int seen = aws.requests().size();
    Throwable second = failure(weights.awaitInSync("C1", Duration.ofSeconds(5)));

    assertThat(seen).isEqualTo(3);
    assertThat(first).hasMessageContaining("circuit breaker is open");
    assertThat(second).isInstanceOf(AwsCallException.class).hasMessageContaining("circuit breaker is open");
    assertThat(((AwsCallException) second).wasTransient()).isTrue();
    assertThat(aws.requests()).hasSize(seen);
  }

  @Test
  void continuationsRunOnTheCallersEventLoopContext() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/change/C1")).inScenario("ctx")
        .whenScenarioStateIs(Scenario.STARTED).willReturn(error(400, "Throttling", "Rate exceeded"))
        .willSetStateTo("ok"));
    aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/change/C1")).inScenario("ctx").whenScenarioStateIs("ok")
        .willReturn(changeInfo("GetChangeResponse", "C1", "INSYNC")));
    var weights = aws.route53Weights();
    Context caller = aws.vertx.getOrCreateContext();
    Promise<Boolean> sameContext = Promise.promise();

    caller.runOnContext(v -> weights.awaitInSync("C1", Duration.ofSeconds(5)).onComplete(ar ->
        sameContext.complete(ar.succeeded() && Vertx.currentContext() == caller && Context.isOnEventLoopThread())));

    assertThat(await(sameContext.future())).isTrue();
  }

  private void failTwiceThenSucceed(com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder failure) {
    String url = RRSET + "/";
    aws.server.stubFor(post(urlPathEqualTo(url)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(failure).willSetStateTo("failed once"));
    aws.server.stubFor(post(urlPathEqualTo(url)).inScenario("flaky").whenScenarioStateIs("failed once")
        .willReturn(failure).willSetStateTo("failed twice"));
    aws.server.stubFor(post(urlPathEqualTo(url)).inScenario("flaky").whenScenarioStateIs("failed twice")
        .willReturn(changeInfo("ChangeResourceRecordSetsResponse", "C1", "PENDING")));
  }

  private static ChangeBatch shiftBatch() {
    return ChangeBatches.shift(ZONE, List.of(pair(PAIR, 95, 5)), Split.of(50), "s").orElseThrow();
  }

  static PairState pair(RecordPair p, int herokuWeight, int awsWeight) {
    return new PairState(p,
        new WeightedRecord(p.name(), p.type(), p.heroku(), herokuWeight, 60L, List.of("x.herokudns.com"), null,
            null),
        new WeightedRecord(p.name(), p.type(), p.aws(), awsWeight, 60L, List.of("alb-1.elb.amazonaws.com"), null,
            null));
  }
}
