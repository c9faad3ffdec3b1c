package dev.cutover.sandbox.route53;

import static dev.cutover.sandbox.route53.Route53SandboxIT.call;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.testkit.MutableClock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/**
 * Record names, their order and record types of the sandbox Route 53, through the real SDK over HTTP.
 *
 * <p>Sources: Route 53 API Reference, ListResourceRecordSets "Sort order" (labels reversed, one ASCII string with
 * the trailing dot; then the record type) and ListHostedZonesByName ("alphabetizes the domain name using the
 * escaped or Punycoded value ... com.ex\344mple."); Developer Guide, "DNS domain name format" (characters other
 * than a-z, 0-9, - and _ are returned as \ooo octal escapes; characters 000-040 octal must be given as escapes);
 * API Reference, ResourceRecordSet Type / RRType (HTTPS, SVCB, TLSA, SSHFP).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Route53NamesIT {
  private Route53SandboxServer sandbox;
  private Route53AsyncClient r53;
  private String zoneId;

  @BeforeEach
  void start() {
    sandbox = Route53SandboxServer.start(new Route53Model(MutableClock.atEpochDay()));
    r53 = sandbox.client();
    zoneId = call(r53.createHostedZone(b -> b.name("example.com").callerReference("names"))).hostedZone().id();
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void listsRecordsByTheReversedNameAsOneAsciiStringThenTypeAcrossPages() {
    change(create("a.b.example.com.", "A", "192.0.2.1"), create("api.example.com.", "TXT", "\"t\""),
        create("api.example.com.", "A", "192.0.2.2"), create("b-c.example.com.", "A", "192.0.2.3"),
        create("api-v2.example.com.", "A", "192.0.2.4"), create("*.example.com.", "A", "192.0.2.5"),
        create("0day.example.com.", "A", "192.0.2.6"), create("_dmarc.example.com.", "TXT", "\"v=DMARC1\""),
        create("api2.example.com.", "A", "192.0.2.7"));

    List<String> listed = new ArrayList<>();
    ListResourceRecordSetsResponse page = call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("2")));
    listed.addAll(names(page));
    while (page.isTruncated()) {
      ListResourceRecordSetsResponse previous = page;
      page = call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("2")
          .startRecordName(previous.nextRecordName()).startRecordType(previous.nextRecordTypeAsString())
          .startRecordIdentifier(previous.nextRecordIdentifier())));
      listed.addAll(names(page));
    }

    // com.example. < com.example.0day. < com.example.\052. < com.example._dmarc. < com.example.api-v2.
    // < com.example.api. < com.example.api2. < com.example.b-c. < com.example.b.a.
    assertThat(listed).containsExactly("example.com. NS", "example.com. SOA", "0day.example.com. A",
        "\\052.example.com. A", "_dmarc.example.com. TXT", "api-v2.example.com. A", "api.example.com. A",
        "api.example.com. TXT", "api2.example.com. A", "b-c.example.com. A", "a.b.example.com. A");
  }

  @Test
  void aListingStartingAtApiNeverSeesApiV2WhichSortsBeforeIt() {
    change(create("api.example.com.", "A", "192.0.2.2"), create("api-v2.example.com.", "A", "192.0.2.4"));

    var fromApi = call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).startRecordName("api.example.com.")
        .startRecordType("A")));

    assertThat(names(fromApi)).containsExactly("api.example.com. A");
  }

  @Test
  void listHostedZonesByNameSortsTheEscapedNameWithLabelsReversed() {
    call(r53.createHostedZone(b -> b.name("api.example.com").callerReference("z2")));
    call(r53.createHostedZone(b -> b.name("api-v2.example.com").callerReference("z3")));
    call(r53.createHostedZone(b -> b.name("ex\\344mple.com").callerReference("z4")));

    var zones = call(r53.listHostedZonesByName(b -> b.build())).hostedZones();

    // com.ex\344mple. (\ = 92 < a = 97) < com.example. < com.example.api-v2. < com.example.api.
    assertThat(zones).extracting(z -> z.name()).containsExactly("ex\\344mple.com.", "example.com.",
        "api-v2.example.com.", "api.example.com.");
  }

  @Test
  void charactersOutsideLettersDigitsHyphenAndUnderscoreComeBackAsOctalEscapes() {
    change(create("*.example.com", "A", "192.0.2.1"), create("a!b.example.com", "A", "192.0.2.2"),
        create("Under_Score.EXAMPLE.com", "A", "192.0.2.3"), create("\\101pi-x.example.com", "A", "192.0.2.4"),
        create("slash/x.example.com", "A", "192.0.2.5"));

    var listed = names(call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId))));

    assertThat(listed).contains("\\052.example.com. A", "a\\041b.example.com. A", "under_score.example.com. A",
        "api-x.example.com. A", "slash\\057x.example.com. A");
    assertThatThrownBy(() -> change(create("\\052.example.com.", "A", "192.0.2.9")))
        .as("the raw and the escaped wildcard are the same record").isInstanceOf(InvalidChangeBatchException.class)
        .hasMessageContaining("already exists");
  }

  @Test
  void aRawSpaceOrTabInANameIsUnsupportedCharacterInChangeAndInList() {
    assertThatThrownBy(() -> change(create("foo bar.example.com.", "A", "192.0.2.1")))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("UnsupportedCharacter")
        .satisfies(e -> assertThat(((Route53Exception) e).statusCode()).isEqualTo(400));
    assertThatThrownBy(() -> change(create("tab\tx.example.com.", "A", "192.0.2.1")))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("UnsupportedCharacter");
    assertThatThrownBy(() -> call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId)
        .startRecordName("foo bar.example.com.").startRecordType("A"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("UnsupportedCharacter");
    assertThat(call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId))).resourceRecordSets()).hasSize(2);
  }

  @Test
  void acceptsHttpsSvcbTlsaAndSshfpRecordsOfTheRrTypeEnum() {
    change(create("example.com.", "HTTPS", "1 . alpn=\"h2\""),
        create("_svc.example.com.", "SVCB", "1 svc.example.net."),
        create("_443._tcp.example.com.", "TLSA", "3 1 1 0123456789abcdef"),
        create("host.example.com.", "SSHFP", "4 2 0123456789abcdef"));

    assertThat(call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId))).resourceRecordSets())
        .extracting(ResourceRecordSet::typeAsString).contains("HTTPS", "SVCB", "TLSA", "SSHFP");
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private static List<String> names(ListResourceRecordSetsResponse page) {
    return page.resourceRecordSets().stream().map(r -> r.name() + " " + r.typeAsString()).toList();
  }

  private static Change create(String name, String type, String value) {
    return Change.builder().action(ChangeAction.CREATE).resourceRecordSet(ResourceRecordSet.builder().name(name)
        .type(type).ttl(300L).resourceRecords(ResourceRecord.builder().value(value).build()).build()).build();
  }

  private void change(Change... changes) {
    call(r53.changeResourceRecordSets(b -> b.hostedZoneId(zoneId).changeBatch(cb -> cb.changes(changes))));
  }
}
