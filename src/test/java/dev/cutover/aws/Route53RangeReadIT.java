package dev.cutover.aws;

import static dev.cutover.aws.AwsWireMock.await;
import static dev.cutover.aws.Route53Listing.simple;
import static dev.cutover.aws.Route53Listing.weighted;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.Split;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The range read of {@link Route53Weights#read} through the real SDK against WireMock stubs that list records in an
 * order written down by hand (see {@link Route53Listing}), a few per page.
 *
 * <p>Route 53 API Reference, ListResourceRecordSets, "Sort order": "sorts results first by DNS name with the labels
 * reversed, for example com.example.www. Note the trailing dot, which can change the sort order when the record name
 * contains characters that appear before . (decimal 46) in the ASCII table. These characters include the following:
 * ! " # $ % &amp; ' ( ) * + , -". Developer Guide, "DNS domain name format": names come back with characters other than
 * a-z, 0-9, - and _ as \ooo octal escapes ({@code *} as {@code \052}); whether the listing sorts the escaped or the
 * raw form is not documented, so both orders are tested.
 */
class Route53RangeReadIT {
  static final String ZONE = "Z0123456789ABCDEFGHIJ";
  static final String RRSET = "/2013-04-01/hostedzone/" + ZONE + "/rrset";

  @RegisterExtension static final AwsWireMock aws = new AwsWireMock();

  @Test
  void readsNamesThatDifferOnlyBelowTheDotInOneRangeAcrossPagesOfRoute53sDocumentedOrder() throws Exception {
    // Written in the documented order; the sort key (reversed name, one string) is on the right.
    new Route53Listing().add(
        simple("example.com.", "NS"), simple("example.com.", "SOA"),         // com.example.
        weighted("0day.example.com.", "aws", 5), weighted("0day.example.com.", "heroku", 95), // com.example.0day.
        weighted("\\052.example.com.", "aws", 5), weighted("\\052.example.com.", "heroku", 95), // com.example.\052.
        simple("_dmarc.example.com.", "TXT"),                                 // com.example._dmarc.
        weighted("api-v2.example.com.", "aws", 5), weighted("api-v2.example.com.", "heroku", 95), // ...api-v2.
        weighted("api.example.com.", "aws", 5), weighted("api.example.com.", "heroku", 95), // com.example.api.
        simple("api2.example.com.", "A"),                                     // com.example.api2.
        weighted("b-c.example.com.", "aws", 5), weighted("b-c.example.com.", "heroku", 95), // com.example.b-c.
        simple("a.b.example.com.", "A"),                                      // com.example.b.a.
        weighted("www.example.com.", "aws", 0), weighted("www.example.com.", "heroku", 100)) // com.example.www.
        .serve(aws.server, RRSET, 3);
    List<RecordPair> plan = List.of(pair("api.example.com."), pair("api-v2.example.com."), pair("*.example.com."),
        pair("0day.example.com."), pair("b-c.example.com."));

    List<PairState> states = await(aws.route53Weights().read(ZONE, plan));

    assertThat(states).extracting(s -> s.pair().name()).as("plan order kept").containsExactly("api.example.com.",
        "api-v2.example.com.", "*.example.com.", "0day.example.com.", "b-c.example.com.");
    assertThat(states).allSatisfy(s -> {
      assertThat(s.complete()).as(s.pair().label()).isTrue();
      assertThat(s.split()).contains(Split.of(5));
    });
    assertThat(aws.requests()).extracting(r -> r.queryParameter("name").firstValue()).as("one range, four pages")
        .containsExactly("0day.example.com.", "\\052.example.com.", "api-v2.example.com.", "api2.example.com.");
  }

  @Test
  void aPairListedOutsideTheExpectedRangeIsReadByItsOwnNameNotReportedMissing() throws Exception {
    // As if Route 53 sorted the raw '*' (42, below '.') rather than the escaped form: the wildcard comes first.
    new Route53Listing().add(
        simple("example.com.", "NS"), simple("example.com.", "SOA"),
        weighted("\\052.example.com.", "aws", 5), weighted("\\052.example.com.", "heroku", 95),
        weighted("0day.example.com.", "aws", 5), weighted("0day.example.com.", "heroku", 95),
        weighted("api.example.com.", "aws", 5), weighted("api.example.com.", "heroku", 95),
        weighted("www.example.com.", "aws", 0), weighted("www.example.com.", "heroku", 100))
        .serve(aws.server, RRSET, 3);
    List<RecordPair> plan = List.of(pair("*.example.com."), pair("0day.example.com."), pair("api.example.com."));

    List<PairState> states = await(aws.route53Weights().read(ZONE, plan));

    assertThat(states).allSatisfy(s -> assertThat(s.complete()).as(s.pair().label()).isTrue());
    assertThat(states.get(0).split()).contains(Split.of(5));
    assertThat(aws.requests()).extracting(r -> r.queryParameter("name").firstValue())
        .containsExactly("0day.example.com.", "api.example.com.", "\\052.example.com.");
  }

  @Test
  void aPairThatIsNotInTheZoneIsReportedMissingAfterOneReadByItsName() throws Exception {
    Route53Listing zone = new Route53Listing().add(simple("example.com.", "NS"), simple("example.com.", "SOA"),
        weighted("api.example.com.", "aws", 5), weighted("api.example.com.", "heroku", 95),
        weighted("www.example.com.", "aws", 0), weighted("www.example.com.", "heroku", 100));
    zone.serve(aws.server, RRSET, 3);
    zone.serveAbsent(aws.server, RRSET, "ghost.example.com.", "CNAME", 4, 3);

    List<PairState> states = await(aws.route53Weights().read(ZONE,
        List.of(pair("api.example.com."), pair("ghost.example.com."))));

    assertThat(states.get(0).complete()).isTrue();
    assertThat(states.get(1).heroku()).isNull();
    assertThat(states.get(1).aws()).isNull();
    assertThat(aws.requests()).extracting(LoggedRequest::getUrl).hasSize(2);
  }

  private static RecordPair pair(String name) {
    return new RecordPair(name, "CNAME", "heroku", "aws");
  }
}
