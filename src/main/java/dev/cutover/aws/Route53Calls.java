package dev.cutover.aws;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.WeightedRecord;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.DnsConflictException;
import java.time.Duration;
import java.util.List;
import java.util.function.BiPredicate;
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

  /** "Z123" for "Z123" or "/hostedzone/Z123": the SDK puts a request's zone id into the path as given. */
  static String bareZoneId(String zoneId) {
    String id = zoneId.trim();
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  static String bareChangeId(String changeId) {
    return changeId.startsWith("/change/") ? changeId.substring("/change/".length()) : changeId;
  }

  /**
   * A ranged read: from the first record set of the range on, in Route 53's listing order (RecordOrder), up to the
   * first record set {@code pastEnd} says is beyond it.
   */
  record Range(String zone, String firstName, String firstType, BiPredicate<String, String> pastEnd) {

    /** From the plan's first pair to its last in Route 53's record order: one ranged read covers them all. */
    static Range of(String zoneId, List<RecordPair> pairs) {
      List<RecordPair> ordered = pairs.stream().sorted(RecordOrder.PAIRS).toList();
      RecordPair first = ordered.get(0);
      RecordPair last = ordered.get(ordered.size() - 1);
      return new Range(bareZoneId(zoneId), first.name(), first.type(),
          (name, type) -> RecordOrder.compare(name, type, last.name(), last.type()) > 0);
    }

    /**
     * Every record set of one name + type: the listing starts at the group and ends at the first record of another
     * name or type, whatever order Route 53 uses around it.
     */
    static Range group(String zone, String name, String type) {
      return new Range(bareZoneId(zone), name, type, (n, t) -> !sameGroup(n, t, name, type));
    }

    ListResourceRecordSetsRequest firstPage() {
      // as Route 53 lists names: \052 for *, lowercase, trailing dot
      return page(RecordOrder.canonical(firstName), firstType, null);
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
        if (pastEnd.test(r.name(), r.typeAsString())) {
          return null;
        }
        acc.add(r);
      }
      if (Boolean.TRUE.equals(page.isTruncated()) && page.nextRecordName() != null
          && !pastEnd.test(page.nextRecordName(), page.nextRecordTypeAsString())) {
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

  /**
   * The pairs of which the range held no record at all: each is read once more by its own name ({@link
   * Range#group}) before it is reported missing. The range relies on RecordOrder; where Route 53's real order
   * differs (the docs do not say whether escaped characters such as {@code \052} sort escaped or raw), a record
   * outside the range is still found.
   */
  static List<RecordPair> unseen(List<RecordPair> pairs, List<ResourceRecordSet> records) {
    return pairs.stream().filter(pair -> records.stream()
        .noneMatch(r -> sameGroup(r.name(), r.typeAsString(), pair.name(), pair.type()))).toList();
  }

  /** Logs that a pair outside the range exists: Route 53 lists it in another order than RecordOrder expects. */
  static void foundOutsideRange(RecordPair pair, List<ResourceRecordSet> group) {
    if (!group.isEmpty()) {
      LoggerFactory.getLogger(Route53Weights.class).warn("{} was not in the ranged read but exists: Route 53 lists"
          + " it in another order than expected; read by name instead", pair.label());
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
    return name != null && RecordOrder.sameName(name, wantName) && wantType.equalsIgnoreCase(type);
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
        + " (runbooks/iam.md), then run again", false, e);
  }
}
