package dev.cutover.sandbox.route53;

import dev.cutover.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pure model: rules, ordering, time and the query API, without HTTP. */
class Route53ModelTest {
  private static final String APP = "app.example.com.";

  private MutableClock clock;
  private Route53Model model;
  private String zone;

  @BeforeEach
  void setUp() {
    clock = MutableClock.atEpochDay();
    model = new Route53Model(clock, new Random(42));
    zone = model.createHostedZone("Example.COM", "ref", null).zone().id();
  }

  @Test
  void zoneIdsLookLikeRoute53AndZoneStartsWithSoaAndNs() {
    assertThat(zone).matches("Z[A-Z0-9]{13,21}");
    assertThat(model.records(zone)).extracting(RecordSet::type).containsExactly("NS", "SOA");
    assertThat(model.getHostedZone("/hostedzone/" + zone).name()).isEqualTo("example.com.");
  }

  @Test
  void ensureHostedZoneCreatesTheZoneWithTheGivenIdOnceAndRefusesAnotherName() {
    HostedZone created = model.ensureHostedZone("/hostedzone/ZPLAN0000000000000001", "Plan.Example.org");

    assertThat(created.id()).isEqualTo("ZPLAN0000000000000001");
    assertThat(created.name()).isEqualTo("plan.example.org.");
    assertThat(model.records("ZPLAN0000000000000001")).extracting(RecordSet::type).containsExactly("NS", "SOA");
    assertThat(model.ensureHostedZone("ZPLAN0000000000000001", "plan.example.org.")).isEqualTo(created);
    assertThatThrownBy(() -> model.ensureHostedZone("ZPLAN0000000000000001", "other.example.org."))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("exists with name plan.example.org.");
    assertThatThrownBy(() -> model.ensureHostedZone("zlower", "x.example.org."))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("uppercase");
  }

  @Test
  void namesAreNormalizedToLowercaseWithTrailingDot() {
    change(ChangeAction.CREATE, RecordSet.weighted("App.Example.Com", "cname", "heroku", 100, 60, "h.herokudns.com"));
    assertThat(model.records(zone)).extracting(RecordSet::name).contains(APP);
  }

  @Test
  void deleteWithStaleWeightRejectsWholeBatch() {
    pair(100, 0);
    assertThatThrownBy(() -> model.changeResourceRecordSets(zone, null, List.of(
            new Change(ChangeAction.DELETE, aws(0)), new Change(ChangeAction.CREATE, aws(50)),
            new Change(ChangeAction.DELETE, heroku(90)), new Change(ChangeAction.CREATE, heroku(50)))))
        .isInstanceOfSatisfying(Route53Error.class, e -> {
          assertThat(e.code()).isEqualTo("InvalidChangeBatch");
          assertThat(e.messages()).containsExactly("Tried to delete resource record set [name='app.example.com.', "
              + "type='CNAME', set-identifier='heroku'] but the values provided do not match the current values");
        });
    assertThat(weights()).containsExactly("aws=0", "heroku=100");
  }

  @Test
  void deleteMustMatchTtlAndValuesToo() {
    pair(100, 0);
    RecordSet otherTtl = new RecordSet(APP, "CNAME", "aws", 0L, 300L, List.of("alb.aws.com"), null, null);
    RecordSet otherValue = RecordSet.weighted(APP, "CNAME", "aws", 0, 60, "other.aws.com");
    for (RecordSet stale : List.of(otherTtl, otherValue)) {
      assertThatThrownBy(() -> change(ChangeAction.DELETE, stale))
          .hasMessageContaining("do not match the current values");
    }
  }

  @Test
  void upsertMayChangeTtlOfWholeGroupInOneBatch() {
    pair(100, 0);
    model.changeResourceRecordSets(zone, null, List.of(
        new Change(ChangeAction.UPSERT, new RecordSet(APP, "CNAME", "heroku", 100L, 30L, List.of("h.herokudns.com"),
            null, null)),
        new Change(ChangeAction.UPSERT, new RecordSet(APP, "CNAME", "aws", 0L, 30L, List.of("alb.aws.com"), null,
            null))));
    assertThat(model.resolve(APP, "CNAME")).hasValueSatisfying(a -> assertThat(a.ttl()).isEqualTo(30L));
  }

  @Test
  void cnameCannotCoexistWithOtherTypes() {
    change(ChangeAction.CREATE, RecordSet.simple(APP, "TXT", 60, List.of("\"hello\"")));
    assertThatThrownBy(() -> change(ChangeAction.CREATE, heroku(100)))
        .hasMessageContaining("conflicts with other records");
  }

  @Test
  void namesOutsideTheZoneAreRejected() {
    assertThatThrownBy(() -> change(ChangeAction.CREATE, RecordSet.simple("app.example.org", "A", 60,
        List.of("192.0.2.1")))).hasMessageContaining("is not permitted in zone example.com.");
  }

  @Test
  void setIdentifierLongerThan128IsInvalidInput() {
    assertThatThrownBy(() -> change(ChangeAction.CREATE,
        RecordSet.weighted(APP, "CNAME", "x".repeat(129), 1, 60, "h.herokudns.com")))
        .isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.code()).isEqualTo("InvalidInput"));
  }

  @Test
  void changeBecomesInsyncAfterConfiguredDelayOnInjectedClock() {
    model.insyncDelay(Duration.ofSeconds(30));
    ChangeInfo info = change(ChangeAction.UPSERT, heroku(100));
    clock.advance(Duration.ofSeconds(29));
    assertThat(model.getChange(info.id()).status()).isEqualTo(ChangeStatus.PENDING);
    clock.advance(Duration.ofSeconds(1));
    assertThat(model.getChange("/change/" + info.id()).status()).isEqualTo(ChangeStatus.INSYNC);
    assertThat(info.id()).matches("C[A-Z0-9]+");
  }

  @Test
  void tokenBucketRefillsOnTheInjectedClock() {
    model.faults().rateLimit(2, 1);
    model.faults().admit();
    model.faults().admit();
    assertThatThrownBy(() -> model.faults().admit())
        .isInstanceOfSatisfying(Route53Error.class, e -> assertThat(e.code()).isEqualTo("Throttling"));
    clock.advance(Duration.ofSeconds(1));
    model.faults().admit();
  }

  @Test
  void resolveReturnsWeightedCandidatesAndShares() {
    pair(95, 5);
    WeightedAnswer answer = model.resolve("APP.example.com", "CNAME").orElseThrow();
    assertThat(answer.weighted()).isTrue();
    assertThat(answer.ttl()).isEqualTo(60L);
    assertThat(answer.shares()).containsEntry("heroku", 0.95).containsEntry("aws", 0.05);
    assertThat(model.resolve(APP, "A")).as("falls back to the CNAME at the name").isPresent();
    assertThat(model.resolve("nothing.example.com", "A")).isEmpty();
  }

  @Test
  void allZeroWeightsResolveAsEqualSplitAsRoute53Does() {
    pair(0, 0);
    assertThat(model.resolve(APP, "CNAME").orElseThrow().shares()).containsEntry("heroku", 0.5);
  }

  @Test
  void listenersSeeCommittedChangesOnly() {
    List<ChangeEvent> events = new ArrayList<>();
    Runnable unsubscribe = model.onChange(events::add);
    pair(100, 0);
    assertThatThrownBy(() -> change(ChangeAction.CREATE, heroku(100)));
    unsubscribe.run();
    change(ChangeAction.UPSERT, heroku(1));
    assertThat(events).hasSize(1);
    assertThat(events.get(0).changes()).hasSize(2);
  }

  @Test
  void holdsAThousandRecordsAndPagesThroughThemInOrder() {
    List<Change> batch = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      batch.add(new Change(ChangeAction.CREATE, RecordSet.simple("h" + i + ".example.com", "A", 60,
          List.of("192.0.2." + (i % 250)))));
      if (batch.size() == 500) {
        model.changeResourceRecordSets(zone, null, batch);
        batch.clear();
      }
    }
    List<RecordKey> seen = new ArrayList<>();
    RecordPage page = model.listResourceRecordSets(zone, null, null, null, null);
    while (true) {
      assertThat(page.records()).hasSizeLessThanOrEqualTo(300);
      page.records().forEach(r -> seen.add(r.key()));
      if (!page.truncated()) {
        break;
      }
      RecordKey next = page.next();
      page = model.listResourceRecordSets(zone, next.name(), next.type(), next.setIdentifier(), null);
    }
    assertThat(seen).hasSize(1002).isSorted().doesNotHaveDuplicates();
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private static RecordSet heroku(long weight) {
    return RecordSet.weighted(APP, "CNAME", "heroku", weight, 60, "h.herokudns.com");
  }

  private static RecordSet aws(long weight) {
    return RecordSet.weighted(APP, "CNAME", "aws", weight, 60, "alb.aws.com");
  }

  private void pair(long herokuWeight, long awsWeight) {
    model.changeResourceRecordSets(zone, null, List.of(new Change(ChangeAction.CREATE, heroku(herokuWeight)),
        new Change(ChangeAction.CREATE, aws(awsWeight))));
  }

  private ChangeInfo change(ChangeAction action, RecordSet record) {
    return model.changeResourceRecordSets(zone, null, List.of(new Change(action, record)));
  }

  private List<String> weights() {
    return model.records(zone).stream().filter(r -> r.name().equals(APP))
        .map(r -> r.setIdentifier() + "=" + r.weight()).toList();
  }
}
