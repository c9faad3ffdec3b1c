package dev.cutover.sandbox.route53;

import dev.cutover.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.CreateHostedZoneResponse;
import software.amazon.awssdk.services.route53.model.HostedZoneAlreadyExistsException;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.InvalidInputException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchChangeException;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.PriorRequestNotCompleteException;
import software.amazon.awssdk.services.route53.model.RRType;
import software.amazon.awssdk.services.route53.model.ResourceRecord;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;
import software.amazon.awssdk.services.route53.model.Route53Exception;

/** The real AWS SDK v2 async client against the sandbox over HTTP on 127.0.0.1. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class Route53SandboxIT {
  private static final String APP = "app.example.com.";

  private MutableClock clock;
  private Route53SandboxServer sandbox;
  private Route53AsyncClient r53;
  private String zoneId;

  @BeforeEach
  void start() {
    clock = MutableClock.atEpochDay();
    sandbox = Route53SandboxServer.start(new Route53Model(clock));
    r53 = sandbox.client();
    CreateHostedZoneResponse created = call(r53.createHostedZone(b -> b.name("example.com").callerReference("ref-1")));
    zoneId = created.hostedZone().id(); // the SDK strips "/hostedzone/" from response ids
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @Test
  void createHostedZoneReturnsAwsShapedIdsWithSoaAndNs() {
    CreateHostedZoneResponse created = call(r53.createHostedZone(b -> b.name("Other.ORG").callerReference("ref-2")
        .hostedZoneConfig(c -> c.comment("second"))));

    assertThat(created.hostedZone().id()).matches("Z[A-Z0-9]{13,21}");
    assertThat(created.hostedZone().name()).isEqualTo("other.org.");
    assertThat(created.hostedZone().config().comment()).isEqualTo("second");
    assertThat(created.location()).endsWith(created.hostedZone().id());
    assertThat(created.changeInfo().id()).matches("C[A-Z0-9]+");
    assertThat(created.changeInfo().status()).isEqualTo(ChangeStatus.PENDING);
    assertThat(created.delegationSet().nameServers()).hasSize(4);
    String id = created.hostedZone().id();
    assertThat(call(r53.listResourceRecordSets(b -> b.hostedZoneId(id))).resourceRecordSets())
        .extracting(ResourceRecordSet::typeAsString).containsExactly("NS", "SOA");
    assertThat(call(r53.getHostedZone(b -> b.id(id))).hostedZone().resourceRecordSetCount()).isEqualTo(2L);
  }

  @Test
  void duplicateCallerReferenceIsHostedZoneAlreadyExists() {
    assertThatThrownBy(() -> call(r53.createHostedZone(b -> b.name("dup.com").callerReference("ref-1"))))
        .isInstanceOf(HostedZoneAlreadyExistsException.class)
        .satisfies(e -> assertThat(((Route53Exception) e).statusCode()).isEqualTo(409));
  }

  @Test
  void listHostedZonesByNameSortsByReversedLabelsAndStartsAtDnsName() {
    call(r53.createHostedZone(b -> b.name("a.example.com").callerReference("ref-2")));
    call(r53.createHostedZone(b -> b.name("example.net").callerReference("ref-3")));
    call(r53.createHostedZone(b -> b.name("zzz.org").callerReference("ref-4")));

    var all = call(r53.listHostedZonesByName(b -> b.build()));
    assertThat(all.hostedZones()).extracting(z -> z.name())
        .containsExactly("example.com.", "a.example.com.", "example.net.", "zzz.org.");

    var page = call(r53.listHostedZonesByName(b -> b.dnsName("example.com").maxItems("1")));
    // the SDK strips "/hostedzone/" from CreateHostedZone's id but not from list responses
    assertThat(page.hostedZones()).extracting(z -> z.id()).containsExactly("/hostedzone/" + zoneId);
    assertThat(page.isTruncated()).isTrue();
    assertThat(page.nextDNSName()).isEqualTo("a.example.com.");
    assertThat(call(r53.listHostedZones(b -> b.build())).hostedZones()).hasSize(4);
  }

  @Test
  void createsWeightedCnamePairAndShiftsWithDeletePlusCreateInOneBatch() {
    change(create(weighted("heroku", 100, "app-1.herokudns.com")), create(weighted("aws", 0, "alb.aws.com")));

    change(delete(weighted("heroku", 100, "app-1.herokudns.com")), create(weighted("heroku", 95, "app-1.herokudns.com")),
        delete(weighted("aws", 0, "alb.aws.com")), create(weighted("aws", 5, "alb.aws.com")));

    assertThat(appWeights()).containsExactly("aws=5", "heroku=95");
  }

  @Test
  void deleteWithStaleWeightRejectsWholeBatch() {
    change(create(weighted("heroku", 100, "app-1.herokudns.com")), create(weighted("aws", 0, "alb.aws.com")));

    assertThatThrownBy(() -> change(
            delete(weighted("aws", 0, "alb.aws.com")), create(weighted("aws", 50, "alb.aws.com")),
            delete(weighted("heroku", 90, "app-1.herokudns.com")), create(weighted("heroku", 50, "app-1.herokudns.com"))))
        .isInstanceOf(InvalidChangeBatchException.class)
        .hasMessageContaining("Tried to delete resource record set [name='app.example.com.', type='CNAME', "
            + "set-identifier='heroku'] but the values provided do not match the current values")
        .satisfies(e -> assertThat(((InvalidChangeBatchException) e).statusCode()).isEqualTo(400));

    assertThat(appWeights()).containsExactly("aws=0", "heroku=100");
  }

  @Test
  void createOfExistingRecordFails() {
    change(create(weighted("heroku", 100, "app-1.herokudns.com")), create(weighted("aws", 0, "alb.aws.com")));

    assertThatThrownBy(() -> change(create(weighted("heroku", 100, "app-1.herokudns.com"))))
        .isInstanceOf(InvalidChangeBatchException.class)
        .hasMessageContaining("but it already exists");
  }

  @Test
  void upsertCreatesThenReplaces() {
    change(upsert(weighted("heroku", 100, "app-1.herokudns.com")), upsert(weighted("aws", 0, "alb.aws.com")));
    change(upsert(weighted("heroku", 0, "app-1.herokudns.com")), upsert(weighted("aws", 100, "alb.aws.com")));

    assertThat(appWeights()).containsExactly("aws=100", "heroku=0");
  }

  @Test
  void pagingWithMaxItemsTwoFollowsRoute53OrderAndContinuation() {
    change(create(simple("www.example.com.", "A", "192.0.2.1")), create(simple("a.example.com.", "TXT", "\"x\"")),
        create(simple("b.a.example.com.", "A", "192.0.2.2")), create(weighted("heroku", 1, "h.herokudns.com")),
        create(weighted("aws", 1, "alb.aws.com")), create(simple("example.com.", "MX", "10 mail.example.com.")));

    List<String> seen = new java.util.ArrayList<>();
    ListResourceRecordSetsResponse page = call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("2")));
    assertThat(page.isTruncated()).isTrue();
    assertThat(page.maxItems()).isEqualTo("2");
    int pages = 1;
    while (true) {
      page.resourceRecordSets().forEach(r -> seen.add(r.name() + " " + r.typeAsString()
          + (r.setIdentifier() == null ? "" : " " + r.setIdentifier())));
      if (!page.isTruncated()) {
        break;
      }
      ListResourceRecordSetsResponse previous = page;
      page = call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).maxItems("2")
          .startRecordName(previous.nextRecordName()).startRecordType(previous.nextRecordTypeAsString())
          .startRecordIdentifier(previous.nextRecordIdentifier())));
      pages++;
    }

    assertThat(seen).containsExactly("example.com. MX", "example.com. NS", "example.com. SOA",
        "a.example.com. TXT", "b.a.example.com. A", "app.example.com. CNAME aws", "app.example.com. CNAME heroku",
        "www.example.com. A");
    assertThat(pages).isEqualTo(4);
  }

  @Test
  void continuationRecordCarriesNextIdentifierInsideWeightedGroup() {
    change(create(weighted("heroku", 1, "h.herokudns.com")), create(weighted("aws", 1, "alb.aws.com")));

    var page = call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).startRecordName(APP)
        .startRecordType(RRType.CNAME).maxItems("1")));

    assertThat(page.resourceRecordSets()).extracting(ResourceRecordSet::setIdentifier).containsExactly("aws");
    assertThat(page.nextRecordName()).isEqualTo(APP);
    assertThat(page.nextRecordType()).isEqualTo(RRType.CNAME);
    assertThat(page.nextRecordIdentifier()).isEqualTo("heroku");
  }

  @Test
  void getChangeIsPendingThenInsyncAfterDelay() {
    String changeId = change(upsert(weighted("heroku", 100, "h.herokudns.com")));
    assertThat(call(r53.getChange(b -> b.id(changeId))).changeInfo().status()).isEqualTo(ChangeStatus.PENDING);

    clock.advance(Duration.ofMillis(1999));
    assertThat(call(r53.getChange(b -> b.id(changeId))).changeInfo().status()).isEqualTo(ChangeStatus.PENDING);

    clock.advance(Duration.ofMillis(1));
    var info = call(r53.getChange(b -> b.id(changeId))).changeInfo();
    assertThat(info.status()).isEqualTo(ChangeStatus.INSYNC);
    assertThat(info.id()).isEqualTo(changeId);
  }

  @Test
  void unknownChangeIsNoSuchChange() {
    assertThatThrownBy(() -> call(r53.getChange(b -> b.id("CNOTTHERE"))))
        .isInstanceOf(NoSuchChangeException.class)
        .satisfies(e -> assertThat(((Route53Exception) e).statusCode()).isEqualTo(404));
  }

  @Test
  void emptyTokenBucketSurfacesAsThrottlingException() {
    sandbox.model().faults().rateLimit(1, 0);
    call(r53.getHostedZone(b -> b.id(zoneId)));

    assertThatThrownBy(() -> call(r53.getHostedZone(b -> b.id(zoneId))))
        .isInstanceOfSatisfying(Route53Exception.class, e -> {
          assertThat(e.isThrottlingException()).isTrue();
          assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
          assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate exceeded");
          assertThat(e.statusCode()).isEqualTo(400);
        });
  }

  @Test
  void throttleUntilInstantEndsWhenClockPassesIt() {
    sandbox.model().faults().throttleUntil(clock.instant().plusSeconds(5));
    assertThatThrownBy(() -> call(r53.getHostedZone(b -> b.id(zoneId))))
        .isInstanceOfSatisfying(Route53Exception.class, e -> assertThat(e.isThrottlingException()).isTrue());

    clock.advance(Duration.ofSeconds(5));
    assertThat(call(r53.getHostedZone(b -> b.id(zoneId))).hostedZone().name()).isEqualTo("example.com.");
  }

  @Test
  void injectedServiceFailureSurfacesAs503() {
    sandbox.model().faults().failUntil(clock.instant().plusSeconds(1), 503);

    assertThatThrownBy(() -> call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId))))
        .isInstanceOfSatisfying(Route53Exception.class, e -> assertThat(e.statusCode()).isEqualTo(503));
  }

  @Test
  void changeWhilePreviousIsPendingIsPriorRequestNotCompleteWhenEnabled() {
    sandbox.model().faults().priorRequestNotComplete(true);
    clock.advance(Duration.ofSeconds(2)); // the zone's creation change is INSYNC now
    change(upsert(weighted("heroku", 100, "h.herokudns.com")));

    assertThatThrownBy(() -> change(upsert(weighted("aws", 0, "alb.aws.com"))))
        .isInstanceOf(PriorRequestNotCompleteException.class);

    clock.advance(Duration.ofSeconds(2));
    change(upsert(weighted("aws", 0, "alb.aws.com")));
  }

  @Test
  void unknownZoneIsNoSuchHostedZone() {
    assertThatThrownBy(() -> call(r53.listResourceRecordSets(b -> b.hostedZoneId("ZNOTTHERE"))))
        .isInstanceOf(NoSuchHostedZoneException.class)
        .hasMessageContaining("ZNOTTHERE");
    assertThatThrownBy(() -> change(upsert(weighted("aws", 0, "alb.aws.com")), "ZNOTTHERE"))
        .isInstanceOf(NoSuchHostedZoneException.class);
  }

  @Test
  void weightedGroupWithDifferentTtlsIsRejected() {
    ResourceRecordSet aws = weighted("aws", 0, "alb.aws.com").toBuilder().ttl(300L).build();
    assertThatThrownBy(() -> change(create(weighted("heroku", 100, "h.herokudns.com")), create(aws)))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("same TTL");
  }

  @Test
  void weightedCnameWithTwoValuesIsRejected() {
    ResourceRecordSet two = weighted("aws", 0, "alb.aws.com").toBuilder()
        .resourceRecords(ResourceRecord.builder().value("a.aws.com").build(),
            ResourceRecord.builder().value("b.aws.com").build()).build();
    assertThatThrownBy(() -> change(create(two)))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("more than one value");
  }

  @Test
  void weightAbove255IsInvalidInput() {
    assertThatThrownBy(() -> change(create(weighted("aws", 256, "alb.aws.com"))))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("less than or equal to 255");
  }

  @Test
  void mixingSimpleAndWeightedRecordsIsRejected() {
    change(create(simple(APP, "CNAME", "app-1.herokudns.com")));
    assertThatThrownBy(() -> change(create(weighted("aws", 0, "alb.aws.com"))))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("non-weighted set exists");
  }

  @Test
  void cnameAtZoneApexIsRejected() {
    assertThatThrownBy(() -> change(create(simple("example.com.", "CNAME", "app-1.herokudns.com"))))
        .isInstanceOf(InvalidChangeBatchException.class).hasMessageContaining("not permitted at apex");
  }

  @Test
  void invalidChangeBatchCarriesEveryReasonInMessages() {
    assertThatThrownBy(() -> change(delete(weighted("aws", 0, "alb.aws.com")), delete(weighted("x", 0, "x.com"))))
        .isInstanceOfSatisfying(InvalidChangeBatchException.class, e -> assertThat(e.messages())
            .hasSize(2).allSatisfy(m -> assertThat(m).endsWith("but it was not found")));
  }

  @Test
  void acceptsUnsignedBodyWithoutXmlDeclarationOrContentTypeAndAnswersErrorsInRoute53Shape() throws Exception {
    java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
        .connectTimeout(Duration.ofSeconds(5)).build();
    String body = "<ChangeResourceRecordSetsRequest xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
        + "<ChangeBatch><Changes><Change><Action>CREATE</Action><ResourceRecordSet><Name>raw.example.com</Name>"
        + "<Type>A</Type><TTL>60</TTL><ResourceRecords><ResourceRecord><Value>192.0.2.9</Value></ResourceRecord>"
        + "</ResourceRecords></ResourceRecordSet></Change></Changes></ChangeBatch></ChangeResourceRecordSetsRequest>";
    var ok = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(sandbox.endpoint() + "/2013-04-01/hostedzone/" + zoneId + "/rrset"))
        .timeout(Duration.ofSeconds(10)).POST(java.net.http.HttpRequest.BodyPublishers.ofString(body)).build(),
        java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(ok.body()).contains("<Status>PENDING</Status>");

    var missing = http.send(java.net.http.HttpRequest.newBuilder(
            java.net.URI.create(sandbox.endpoint() + "/2013-04-01/hostedzone/ZNOPE/rrset/"))
        .timeout(Duration.ofSeconds(10)).GET().build(), java.net.http.HttpResponse.BodyHandlers.ofString());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("<ErrorResponse xmlns=\"https://route53.amazonaws.com/doc/2013-04-01/\">"
        + "<Error><Type>Sender</Type><Code>NoSuchHostedZone</Code>");
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private List<String> appWeights() {
    return call(r53.listResourceRecordSets(b -> b.hostedZoneId(zoneId).startRecordName(APP)
        .startRecordType(RRType.CNAME))).resourceRecordSets().stream()
        .filter(r -> r.name().equals(APP))
        .map(r -> r.setIdentifier() + "=" + r.weight()).toList();
  }

  private static ResourceRecordSet weighted(String id, long weight, String value) {
    return ResourceRecordSet.builder().name(APP).type(RRType.CNAME).setIdentifier(id).weight(weight).ttl(60L)
        .resourceRecords(ResourceRecord.builder().value(value).build()).build();
  }

  private static ResourceRecordSet simple(String name, String type, String value) {
    return ResourceRecordSet.builder().name(name).type(type).ttl(300L)
        .resourceRecords(ResourceRecord.builder().value(value).build()).build();
  }

  private static Change create(ResourceRecordSet r) {
    return Change.builder().action(ChangeAction.CREATE).resourceRecordSet(r).build();
  }

  private static Change delete(ResourceRecordSet r) {
    return Change.builder().action(ChangeAction.DELETE).resourceRecordSet(r).build();
  }

  private static Change upsert(ResourceRecordSet r) {
    return Change.builder().action(ChangeAction.UPSERT).resourceRecordSet(r).build();
  }

  private String change(Change... changes) {
    return change(changes[0], zoneId, java.util.Arrays.copyOfRange(changes, 1, changes.length));
  }

  private String change(Change first, String zone, Change... more) {
    List<Change> all = new java.util.ArrayList<>(List.of(first));
    all.addAll(List.of(more));
    return call(r53.changeResourceRecordSets(b -> b.hostedZoneId(zone).changeBatch(cb -> cb.changes(all))))
        .changeInfo().id();
  }

  static <T> T call(CompletableFuture<T> future) {
    try {
      return future.get(20, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new CompletionException(e.getCause());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
