package dev.cutover.aws;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.WeightedRecord;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.DnsConflictException;
import java.time.Duration;
import java.util.List;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * What both Route 53 adapters ({@link Route53Weights}, async, and {@link Route53Blocking}, one-shot) send and how
 * they read the answers, in one place: the request shapes, the paging rule of a ranged read, the grouping into
 * pairs, and the messages of failures.
 */
final class Route53Calls {
  static final String PAGE_SIZE = "300";

  private Route53Calls() {}

  /** "Z123" for "Z123" or "/hostedzone/Z123": the SDK sends ids as given (aws-notes §2). */
  static String bareZoneId(String zoneId) {
    String id = zoneId.trim();
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  static String bareChangeId(String changeId) {
    return changeId.startsWith("/change/") ? changeId.substring("/change/".length()) : changeId;
  }

  /** The first and last pair of a plan in Route 53's record order: one ranged read covers them all. */
  record Range(String zone, String firstName, String firstType, String lastName, String lastType) {
    static Range of(String zoneId, List<RecordPair> pairs) {
      List<RecordPair> ordered = pairs.stream().sorted(RecordOrder.PAIRS).toList();
      RecordPair first = ordered.get(0);
      RecordPair last = ordered.get(ordered.size() - 1);
      return new Range(bareZoneId(zoneId), first.name(), first.type(), last.name(), last.type());
    }

    /** The range of one name + type (every record set of one weighted group). */
    static Range group(String zone, String name, String type) {
      return new Range(zone, name, type, name, type);
    }

    ListResourceRecordSetsRequest firstPage() {
      return page(firstName, firstType, null);
    }

    private ListResourceRecordSetsRequest page(String name, String type, String startIdentifier) {
      var r = ListResourceRecordSetsRequest.builder().hostedZoneId(zone).startRecordName(name)
          .startRecordType(type).maxItems(PAGE_SIZE);
      if (startIdentifier != null) {
        r.startRecordIdentifier(startIdentifier);
      }
      return r.build();
    }

    /**
     * Adds the page's record sets that fall within the range to {@code acc} (the answer is sorted: the first one
     * past the range ends it) and returns the request for the next page, or null when the range is complete.
     */
    ListResourceRecordSetsRequest collect(ListResourceRecordSetsResponse page, List<ResourceRecordSet> acc) {
      for (ResourceRecordSet r : page.resourceRecordSets()) {
        if (RecordOrder.compare(r.name(), r.typeAsString(), lastName, lastType) > 0) {
          return null;
        }
        acc.add(r);
      }
      if (Boolean.TRUE.equals(page.isTruncated()) && page.nextRecordName() != null
          && RecordOrder.compare(page.nextRecordName(), page.nextRecordTypeAsString(), lastName, lastType) <= 0) {
        return page(page.nextRecordName(), page.nextRecordTypeAsString(), page.nextRecordIdentifier());
      }
      return null;
    }

    Throwable failed(ListResourceRecordSetsRequest request, Throwable e) {
      return e instanceof NoSuchHostedZoneException
          ? new AwsCallException("hosted zone " + zone + " does not exist in this account; check `zone:` in the"
              + " plan", false, e)
          : Route53Calls.failed("ListResourceRecordSets for " + request.startRecordName() + " "
              + request.startRecordTypeAsString(), e);
    }
  }

  /** Both weighted records of every pair, in plan order, from the record sets of their range. */
  static List<PairState> pairStates(List<RecordPair> pairs, List<ResourceRecordSet> records) {
    return pairs.stream().map(pair -> {
      List<ResourceRecordSet> group = records.stream()
          .filter(r -> sameGroup(r.name(), r.typeAsString(), pair.name(), pair.type())).toList();
      return new PairState(pair, find(group, pair, pair.heroku()), find(group, pair, pair.aws()));
    }).toList();
  }

  private static boolean sameGroup(String name, String type, String wantName, String wantType) {
    return name != null && RecordPair.normalizeName(name).equals(RecordPair.normalizeName(wantName))
        && wantType.equalsIgnoreCase(type);
  }

  private static WeightedRecord find(List<ResourceRecordSet> group, RecordPair pair, String setIdentifier) {
    for (ResourceRecordSet r : group) {
      if (setIdentifier.equals(r.setIdentifier())) {
        WeightedRecord w = Route53Records.toDomain(r);
        if (w == null) {
          LoggerFactory.getLogger(Route53Weights.class).warn("{} [{}] exists but has no Weight (another routing"
              + " policy?); treated as a missing weighted record", pair.label(), setIdentifier);
        }
        return w;
      }
    }
    return null;
  }

  /**
   * The ChangeResourceRecordSets request of one batch, checked once more on what is actually sent.
   *
   * @throws IllegalStateException when it would write weight 0 to every record of a group
   */
  static ChangeResourceRecordSetsRequest changeRequest(ChangeBatch batch) {
    var changes = Route53Records.toSdk(batch);
    Route53Records.refuseAllZero(changes);
    return ChangeResourceRecordSetsRequest.builder()
        .hostedZoneId(bareZoneId(batch.zone()))
        .changeBatch(b -> b.comment(batch.comment()).changes(changes))
        .build();
  }

  static AwsCallException noSuchZoneForChange(String zone, Throwable e) {
    return new AwsCallException("hosted zone " + zone + " does not exist in this account; check `zone:` in the"
        + " plan", false, e);
  }

  /** GetChange answered, but not INSYNC, when the wait was over. */
  static AwsCallException stillPending(String id, String status, Duration timeout) {
    return new AwsCallException("Route 53 change " + id + " is still " + status + " after "
        + Resilient.Settings.human(timeout) + "; check it with `aws route53 get-change --id " + id + "` and resume"
        + " once it is INSYNC", true, null);
  }

  /** Not retryable, or a transient failure past the deadline (already an {@link AwsCallException}). */
  static Throwable failed(String what, Throwable e) {
    if (e instanceof AwsCallException || e instanceof DnsConflictException) {
      return e;
    }
    return new AwsCallException("Route 53 " + what + " failed: " + AwsErrors.describe(e)
        + ". This error is not retryable: check the plan's zone and records and the IAM permissions"
        + " (aws-notes §6), then run again", false, e);
  }
}
