package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.aws.AwsWireMock.await;
import static dev.cutover.aws.Route53Xml.changeInfo;
import static dev.cutover.aws.Route53Xml.cname;
import static dev.cutover.aws.Route53Xml.listPage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.domain.ChangeBatches;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.WeightedRecord;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * README "One account, one budget" on the wire: every caller of one process shares one Route 53 budget, and a revert (an
 * UPSERT-only batch) is sent ahead of the reads already waiting for it.
 */
class SharedBudgetIT {
  static final String ZONE = "Z0123456789ABCDEFGHIJ";
  static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";
  static final String API = "api.example.com.";
  static final RecordPair PAIR = new RecordPair(API, "CNAME", "heroku", "aws");

  @RegisterExtension static final AwsWireMock aws = new AwsWireMock();

  @Test
  void aRevertBatchGoesAheadOfReadsWaitingForTheSharedBudget() throws Exception {
    aws.server.stubFor(get(urlPathEqualTo(RRSET)).willReturn(listPage(null,
        cname(API, "aws", 50, 60, "alb-1.elb.amazonaws.com"), cname(API, "heroku", 50, 60, "x.herokudns.com"))));
    aws.server.stubFor(post(urlPathEqualTo(RRSET + "/")).willReturn(changeInfo("ChangeResourceRecordSetsResponse", "C1", "PENDING")));
    // 2 requests per second, bursts of 2, shared by two callers (two cutovers of one process)
    Resilient.Settings slow = aws.route53Settings().withRate(2).withDeadline(Duration.ofSeconds(30));
    Resilient.Shared budget = Resilient.Shared.of(aws.scheduler, slow);
    Route53Weights reader = new Route53Weights(aws.route53, new Resilient(aws.vertx, aws.scheduler, slow, budget));
    Route53Weights reverter = new Route53Weights(aws.route53, new Resilient(aws.vertx, aws.scheduler, slow, budget));

    List<Future<List<PairState>>> reads = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      reads.add(reader.read(ZONE, List.of(PAIR)));
    }
    List<PairState> world = List.of(new PairState(PAIR,
        new WeightedRecord(API, "CNAME", "heroku", 50, 60L, List.of("x.herokudns.com"), null, null),
        new WeightedRecord(API, "CNAME", "aws", 50, 60L, List.of("alb-1.elb.amazonaws.com"), null, null)));
    String id = await(reverter.apply(ChangeBatches.revert(ZONE, world, "revert").orElseThrow()));
    for (Future<List<PairState>> r : reads) {
      await(r);
    }

    assertThat(id).isEqualTo("C1");
    List<String> order = aws.requests().stream().map(r -> r.getMethod().getName()).toList();
    assertThat(order).hasSize(7);
    assertThat(order.indexOf("POST")).as("the revert went third: after the burst of two, ahead of four reads")
        .isEqualTo(2);
  }
}
