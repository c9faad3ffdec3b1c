package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.aws.AwsWireMock.await;
import static dev.cutover.aws.Route53WeightsIT.API;
import static dev.cutover.aws.Route53WeightsIT.PAIR;
import static dev.cutover.aws.Route53WeightsIT.RRSET;
import static dev.cutover.aws.Route53WeightsIT.WWW;
import static dev.cutover.aws.Route53WeightsIT.ZONE;
import static dev.cutover.aws.Route53WeightsIT.pair;
import static dev.cutover.aws.Route53Xml.changeInfo;
import static dev.cutover.aws.Route53Xml.cname;
import static dev.cutover.aws.Route53Xml.error;
import static dev.cutover.aws.Route53Xml.listPage;
import static dev.cutover.aws.Route53Xml.next;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.PairState;
import dev.cutover.domain.Split;
import dev.cutover.port.AwsCallException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The one-shot Route 53 adapter (synchronous SDK client on the URL connection) against WireMock: it sends exactly
 * what the async adapter sends, and retries what Route 53 asks to retry. Throttling: "Throttling for Amazon Route 53
 * API requests" (Route 53 Developer Guide: HTTP 400, code Throttling, "Rate exceeded"); PriorRequestNotComplete
 * (Route 53 API Reference, Common Errors: "wait, in intervals of increasing duration, before you try the request
 * again").
 */
class Route53BlockingIT {
  @RegisterExtension static final AwsWireMock aws = new AwsWireMock();

  @Test
  void sendsTheSameRevertBatchAsTheAsyncAdapter() throws Exception {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/"))
        .willReturn(changeInfo("ChangeResourceRecordSetsResponse", "C1", "PENDING")));
    ChangeBatch batch = ChangeBatches.revert(ZONE, List.of(pair(PAIR, 50, 50), pair(WWW, 5, 95)),
        "cutover rollback by tester").orElseThrow();

    await(aws.route53Weights().apply(batch));
    String id = aws.route53Blocking().apply(batch);

    List<LoggedRequest> sent = aws.requests();
    assertThat(id).isEqualTo("C1");
    assertThat(sent).hasSize(2);
    assertThat(sent.get(1).getUrl()).isEqualTo(sent.get(0).getUrl());
    assertThat(sent.get(1).getBodyAsString()).isEqualTo(sent.get(0).getBodyAsString());
    assertThat(Route53Xml.changes(sent.get(1).getBodyAsString())).containsExactly(
        "UPSERT heroku weight=100 ttl=60 value=x.herokudns.com",
        "UPSERT aws weight=0 ttl=60 value=alb-1.elb.amazonaws.com",
        "UPSERT heroku weight=100 ttl=60 value=x.herokudns.com",
        "UPSERT aws weight=0 ttl=60 value=alb-1.elb.amazonaws.com");
  }

  @Test
  void readsThePairsWithTheSameRangedRequestsAsTheAsyncAdapter() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo(RRSET)).withQueryParam("name", equalTo(API))
        .willReturn(listPage(next(API, "CNAME", "heroku"), cname(API, "aws", 5, 60, "alb-1.elb.amazonaws.com"))));
    aws.server.stubFor(get(urlPathEqualTo(RRSET)).withQueryParam("identifier", equalTo("heroku"))
        .willReturn(listPage(null, cname(API, "heroku", 95, 60, "x.herokudns.com"),
            cname("www.example.com.", "aws", 5, 60, "alb-1.elb.amazonaws.com"),
            cname("www.example.com.", "heroku", 95, 60, "y.herokudns.com"),
            cname("zzz.example.com.", "heroku", 100, 60, "z.herokudns.com"))));

    List<PairState> async = await(aws.route53Weights().read("/hostedzone/" + ZONE, List.of(WWW, PAIR)));
    List<PairState> blocking = aws.route53Blocking().read("/hostedzone/" + ZONE, List.of(WWW, PAIR));

    assertThat(blocking).isEqualTo(async);
    assertThat(blocking).allSatisfy(p -> assertThat(p.split()).contains(Split.of(5)));
    List<LoggedRequest> sent = aws.requests();
    assertThat(sent).hasSize(4);
    assertThat(sent.subList(2, 4)).extracting(LoggedRequest::getUrl)
        .containsExactlyElementsOf(sent.subList(0, 2).stream().map(LoggedRequest::getUrl).toList());
  }

  @Test
  void aThrottledFirstAttemptIsRetriedAndTheBatchApplied() {
    failOnceThenSucceed(error(400, "Throttling", "Rate exceeded"));

    String id = aws.route53Blocking().apply(revertBatch());

    assertThat(id).isEqualTo("C1");
    assertThat(aws.requests()).hasSize(2);
    assertThat(aws.requests().get(1).getBodyAsString()).isEqualTo(aws.requests().get(0).getBodyAsString());
  }

  @Test
  void priorRequestNotCompleteIsRetriedAndTheBatchApplied() {
    failOnceThenSucceed(error(400, "PriorRequestNotComplete",
        "The request was rejected because Route 53 was still processing a prior request."));

    assertThat(aws.route53Blocking().apply(revertBatch())).isEqualTo("C1");
    assertThat(aws.requests()).hasSize(2);
  }

  @Test
  void aServerErrorIsRetriedAndTheBatchApplied() {
    failOnceThenSucceed(error(500, "InternalFailure", "internal error"));

    assertThat(aws.route53Blocking().apply(revertBatch())).isEqualTo("C1");
    assertThat(aws.requests()).hasSize(2);
  }

  @Test
  void invalidInputFailsAtOnceWithoutRetry() {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/"))
        .willReturn(error(400, "InvalidInput", "Invalid XML ; cvc-complex-type.2.4.a")));

    Throwable error = catchThrowable(() -> aws.route53Blocking().apply(revertBatch()));

    assertThat(error).isInstanceOf(AwsCallException.class).hasMessageContaining("InvalidInput")
        .hasMessageContaining("ChangeResourceRecordSets on zone " + ZONE);
    assertThat(((AwsCallException) error).wasTransient()).isFalse();
    assertThat(aws.requests()).hasSize(1);
  }

  @Test
  void throttlingPastTheDeadlineFailsAsTransientNamingTheCallAndTheLastError() {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/")).willReturn(error(400, "Throttling", "Rate exceeded")));
    var route53 = aws.route53Blocking(aws.route53Settings().withDeadline(Duration.ofMillis(300)));

    Throwable error = catchThrowable(() -> route53.apply(revertBatch()));

    Route53WeightsIT.assertThrottledPastADeadlineOf300Ms(error);
    assertThat(aws.requests().size()).isGreaterThan(2);
  }

  @Test
  void anAttemptWithoutAnswerEndsAtTheDeadline() {
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/"))
        .willReturn(changeInfo("ChangeResourceRecordSetsResponse", "C1", "PENDING").withFixedDelay(1500)));
    var route53 = aws.route53Blocking(aws.route53Settings().withDeadline(Duration.ofMillis(300)));
    long started = System.nanoTime();

    Throwable error = catchThrowable(() -> route53.apply(revertBatch()));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1400));
    assertThat(error).isInstanceOf(AwsCallException.class).hasMessageContaining("retry deadline of 300 ms")
        .hasMessageContaining("no answer in time");
    assertThat(((AwsCallException) error).wasTransient()).isTrue();
  }

  @Test
  void awaitInSyncReturnsAfterPendingPendingInsync() {
    String path = aws.stubPendingPendingInsync();

    aws.route53Blocking().awaitInSync("/change/C1", Duration.ofSeconds(5));

    aws.server.verify(3, getRequestedFor(urlPathEqualTo(path)));
  }

  @Test
  void awaitInSyncFailsAfterTheTimeoutSayingHowToCheck() {
    aws.server.stubFor(get(urlPathEqualTo("/2013-04-01/change/C9"))
        .willReturn(changeInfo("GetChangeResponse", "C9", "PENDING")));

    Throwable error = catchThrowable(() -> aws.route53Blocking().awaitInSync("C9", Duration.ofMillis(200)));

    assertThat(error).isInstanceOf(AwsCallException.class)
        .hasMessageContaining("change C9 is still PENDING")
        .hasMessageContaining("aws route53 get-change --id C9");
  }

  @Test
  void anUnknownZoneSaysToCheckThePlan() {
    aws.server.stubFor(get(urlPathEqualTo(RRSET))
        .willReturn(error(404, "NoSuchHostedZone", "No hosted zone found with ID: " + ZONE)));

    Throwable error = catchThrowable(() -> aws.route53Blocking().read(ZONE, List.of(PAIR)));

    assertThat(error).isInstanceOf(AwsCallException.class)
        .hasMessageContaining("hosted zone " + ZONE + " does not exist").hasMessageContaining("`zone:`");
  }

  private static ChangeBatch revertBatch() {
    return ChangeBatches.revert(ZONE, List.of(pair(PAIR, 50, 50)), "revert").orElseThrow();
  }

  private void failOnceThenSucceed(ResponseDefinitionBuilder failure) {
    String url = RRSET + "/";
    aws.server.stubFor(post(urlPathEqualTo(url)).inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(failure).willSetStateTo("failed once"));
    aws.server.stubFor(post(urlPathEqualTo(url)).inScenario("flaky").whenScenarioStateIs("failed once")
        .willReturn(changeInfo("ChangeResourceRecordSetsResponse", "C1", "PENDING")));
  }
}
