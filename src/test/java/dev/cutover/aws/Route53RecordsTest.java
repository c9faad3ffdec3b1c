package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.domain.WeightedRecord;
import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.services.route53.model.Change;
import software.amazon.awssdk.services.route53.model.ChangeAction;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

class Route53RecordsTest {
  static final WeightedRecord CNAME = new WeightedRecord("api.example.com.", "CNAME", "heroku", 95, 60L,
      List.of("x.herokudns.com"), null, "hc-1");
  static final WeightedRecord ALIAS = new WeightedRecord("api.example.com.", "CNAME", "aws", 5, null, List.of(),
      new WeightedRecord.AliasTarget("Z35SXDOTRQ7X7K", "alb-1.us-east-1.elb.amazonaws.com.", true), null);

  @Test
  void mapsEveryFieldBothWaysSoADeleteRepeatsEveryValue() {
    assertThat(Route53Records.toDomain(Route53Records.toSdk(CNAME))).isEqualTo(CNAME);
    assertThat(Route53Records.toDomain(Route53Records.toSdk(ALIAS))).isEqualTo(ALIAS);
    ResourceRecordSet sdk = Route53Records.toSdk(ALIAS);
    assertThat(sdk.ttl()).isNull();
    assertThat(sdk.hasResourceRecords()).isFalse();
  }

  @Test
  void aRecordWithoutWeightIsNotAWeightedRecord() {
    ResourceRecordSet simple = ResourceRecordSet.builder().name("api.example.com.").type("CNAME")
        .setIdentifier("heroku").ttl(60L).build();
    assertThat(Route53Records.toDomain(simple)).isNull();
  }

  @Test
  void refusesToSendWeightZeroToEveryRecordOfAGroup() {
    List<Change> allZero = List.of(
        change(ChangeAction.DELETE, CNAME), change(ChangeAction.CREATE, CNAME.withWeight(0)),
        change(ChangeAction.UPSERT, ALIAS.withWeight(0)));
    assertThatThrownBy(() -> Route53Records.refuseAllZero(allZero))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("api.example.com. CNAME");
    Route53Records.refuseAllZero(List.of(change(ChangeAction.UPSERT, CNAME.withWeight(100)),
        change(ChangeAction.UPSERT, ALIAS.withWeight(0))));
  }

  @Test
  void showsARecordsValueAsConflictsNameIt() {
    assertThat(Route53Records.value(CNAME)).isEqualTo("weight 95 ttl 60 -> x.herokudns.com health check hc-1");
    assertThat(Route53Records.value(ALIAS)).isEqualTo("weight 5 -> alias alb-1.us-east-1.elb.amazonaws.com.");
    assertThat(Route53Records.value(null)).isEqualTo("no such record");
  }

  @Test
  void stripsIdPrefixes() {
    assertThat(Route53Weights.bareZoneId("/hostedzone/Z123")).isEqualTo("Z123");
    assertThat(Route53Weights.bareZoneId("Z123")).isEqualTo("Z123");
    assertThat(Route53Weights.bareChangeId("/change/C1")).isEqualTo("C1");
  }

  @Test
  void recognizesCompareAndSwapMismatchesAmongInvalidChangeBatches() {
    assertThat(Conflicts.isCasMismatch(icb("Tried to delete resource record set [name='a.', type='CNAME',"
        + " set-identifier='heroku'] but the values provided do not match the current values"))).isTrue();
    assertThat(Conflicts.isCasMismatch(icb("Tried to delete resource record set [name='a.', type='CNAME',"
        + " set-identifier='heroku'] but it was not found"))).isTrue();
    assertThat(Conflicts.isCasMismatch(icb("Tried to create resource record set [name='a.', type='CNAME',"
        + " set-identifier='aws'] but it already exists"))).isTrue();
    assertThat(Conflicts.isCasMismatch(icb("RRSet of type CNAME with DNS name a. is not permitted at apex")))
        .isFalse();
  }

  private static InvalidChangeBatchException icb(String message) {
    return (InvalidChangeBatchException) InvalidChangeBatchException.builder().statusCode(400)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode("InvalidChangeBatch").errorMessage(message).build())
        .build();
  }

  private static Change change(ChangeAction action, WeightedRecord r) {
    return Change.builder().action(action).resourceRecordSet(Route53Records.toSdk(r)).build();
  }
}
