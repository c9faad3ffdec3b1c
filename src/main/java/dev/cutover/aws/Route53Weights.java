package dev.cutover.aws;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.domain.WeightedRecord;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.DnsWeights;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@link DnsWeights} on Route 53: reads weighted groups with ListResourceRecordSets, applies one
 * ChangeResourceRecordSets per batch (DELETE+CREATE is a compare-and-swap; a mismatch becomes a
 * {@link dev.cutover.port.DnsConflictException} naming both values), and polls GetChange until INSYNC.
 * Every call goes through {@link Resilient}.
 */
public final class Route53Weights implements DnsWeights {
  private static final Logger LOG = LoggerFactory.getLogger(Route53Weights.class);
  static final String PAGE_SIZE = "300";

  private final Route53AsyncClient client;
  private final Resilient resilient;
  private final Duration firstPoll;
  private final Duration maxPoll;

  /** Polls GetChange after 1 s, 2 s, 4 s, ... at most every 10 s (scheduler time). */
  public Route53Weights(Route53AsyncClient client, Resilient resilient) {
    this(client, resilient, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  public Route53Weights(Route53AsyncClient client, Resilient resilient, Duration firstPoll, Duration maxPoll) {
    this.client = Objects.requireNonNull(client, "client");
    this.resilient = Objects.requireNonNull(resilient, "resilient");
    this.firstPoll = firstPoll;
    this.maxPoll = maxPoll;
  }

  /** "Z123" for "Z123" or "/hostedzone/Z123": the SDK puts a request's zone id into the path as given. */
  static String bareZoneId(String zoneId) {
    String id = zoneId.trim();
    return id.startsWith("/hostedzone/") ? id.substring("/hostedzone/".length()) : id;
  }

  static String bareChangeId(String changeId) {
    return changeId.startsWith("/change/") ? changeId.substring("/change/".length()) : changeId;
  }

  @Override
  public Future<String> zoneName(String zoneId) {
    String zone = bareZoneId(zoneId);
    return resilient.call("GetHostedZone", () -> client.getHostedZone(r -> r.id(zone)))
        .map(r -> r.hostedZone().name())
        .recover(e -> Future.failedFuture(e instanceof NoSuchHostedZoneException
            ? new AwsCallException("hosted zone " + zone + " does not exist in this account; check `zone:` in"
                + " the plan and the AWS account of the credentials in use", false, e)
            : failed("GetHostedZone for zone " + zone, e)));
  }

  @Override
  public Future<List<PairState>> read(String zoneId, List<RecordPair> pairs) {
    if (pairs.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    String zone = bareZoneId(zoneId);
    // One paginated read from the first pair to the last in Route 53's order (RecordOrder), not one call per pair:
    // a plan of a few related names is one call per poll, and even 250 pairs stay a handful of pages.
    List<RecordPair> ordered = pairs.stream().sorted(RecordOrder.PAIRS).toList();
    RecordPair first = ordered.get(0);
    RecordPair last = ordered.get(ordered.size() - 1);
    return readRange(zone, first.name(), first.type(), null,
            (name, type) -> RecordOrder.compare(name, type, last.name(), last.type()) > 0, new ArrayList<>())
        .compose(records -> readMissingGroups(zone, pairs, records, first, last))
        .map(records -> pairs.stream().map(pair -> {
          List<ResourceRecordSet> group = records.stream()
              .filter(r -> sameGroup(r.name(), r.typeAsString(), pair.name(), pair.type())).toList();
          return new PairState(pair, find(group, pair, pair.heroku()), find(group, pair, pair.aws()));
        }).toList());
  }

  /**
   * A pair of which the range held no record at all is read once more by its own name before it is reported
   * missing. The range relies on RecordOrder; where Route 53's real order differs (the docs do not say whether
   * escaped characters such as {@code \052} sort escaped or raw), a record outside the range is still found.
   */
  private Future<List<ResourceRecordSet>> readMissingGroups(String zone, List<RecordPair> pairs,
      List<ResourceRecordSet> records, RecordPair first, RecordPair last) {
    Future<List<ResourceRecordSet>> all = Future.succeededFuture(records);
    for (RecordPair pair : pairs) {
      if (records.stream().noneMatch(r -> sameGroup(r.name(), r.typeAsString(), pair.name(), pair.type()))) {
        all = all.compose(acc -> readGroup(zone, pair.name(), pair.type()).map(group -> {
          if (!group.isEmpty()) {
            LOG.warn("{} was not in the range read from {} to {} but exists: Route 53 lists it in another order"
                + " than expected; read by name instead", pair.label(), first.label(), last.label());
          }
          acc.addAll(group);
          return acc;
        }));
      }
    }
    return all;
  }

  private static WeightedRecord find(List<ResourceRecordSet> group, RecordPair pair, String setIdentifier) {
    for (ResourceRecordSet r : group) {
      if (setIdentifier.equals(r.setIdentifier())) {
        WeightedRecord w = Route53Records.toDomain(r);
        if (w == null) {
          LOG.warn("{} [{}] exists but has no Weight (another routing policy?); treated as a missing weighted"
              + " record", pair.label(), setIdentifier);
        }
        return w;
      }
    }
    return null;
  }

  /**
   * Every record set of one name + type, across pages (at most 300 records per page): the listing starts at the
   * group and ends at the first record of another name or type, whatever order Route 53 uses around it.
   */
  Future<List<ResourceRecordSet>> readGroup(String zone, String name, String type) {
    return readRange(zone, name, type, null, (n, t) -> !sameGroup(n, t, name, type), new ArrayList<>());
  }

  /** Every record set from (name, type) on, across pages, up to the first one {@code pastEnd} says is beyond. */
  private Future<List<ResourceRecordSet>> readRange(String zone, String name, String type, String startIdentifier,
      BiPredicate<String, String> pastEnd, List<ResourceRecordSet> acc) {
    String startName = RecordOrder.canonical(name); // as Route 53 lists it: \052 for *, lowercase, trailing dot
    return resilient.call("ListResourceRecordSets", () -> client.listResourceRecordSets(r -> {
          r.hostedZoneId(zone).startRecordName(startName).startRecordType(type).maxItems(PAGE_SIZE);
          if (startIdentifier != null) {
            r.startRecordIdentifier(startIdentifier);
          }
        }))
        .recover(e -> Future.failedFuture(e instanceof NoSuchHostedZoneException
            ? new AwsCallException("hosted zone " + zone + " does not exist in this account; check `zone:` in"
                + " the plan", false, e)
            : failed("ListResourceRecordSets for " + name + " " + type, e)))
        .compose(page -> {
          for (ResourceRecordSet r : page.resourceRecordSets()) {
            if (pastEnd.test(r.name(), r.typeAsString())) {
              return Future.succeededFuture(acc);
            }
            acc.add(r);
          }
          if (Boolean.TRUE.equals(page.isTruncated()) && page.nextRecordName() != null
              && !pastEnd.test(page.nextRecordName(), page.nextRecordTypeAsString())) {
            return readRange(zone, page.nextRecordName(), page.nextRecordTypeAsString(),
                page.nextRecordIdentifier(), pastEnd, acc);
          }
          return Future.succeededFuture(acc);
        });
  }

  private static boolean sameGroup(String name, String type, String wantName, String wantType) {
    return name != null && RecordOrder.sameName(name, wantName) && wantType.equalsIgnoreCase(type);
  }

  @Override
  public Future<String> apply(ChangeBatch batch) {
    String zone = bareZoneId(batch.zone());
    var changes = Route53Records.toSdk(batch);
    try {
      Route53Records.refuseAllZero(changes);
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    var request = ChangeResourceRecordSetsRequest.builder()
        .hostedZoneId(zone)
        .changeBatch(b -> b.comment(batch.comment()).changes(changes))
        .build();
    return resilient.call("ChangeResourceRecordSets", () -> client.changeResourceRecordSets(request))
        .map(r -> bareChangeId(r.changeInfo().id()))
        .recover(e -> {
          if (e instanceof InvalidChangeBatchException icb && Conflicts.isCasMismatch(icb)) {
            return new Conflicts(this, zone).explain(batch, icb);
          }
          if (e instanceof NoSuchHostedZoneException) {
            return Future.failedFuture(new AwsCallException("hosted zone " + zone + " does not exist in this"
                + " account; check `zone:` in the plan", false, e));
          }
          return Future.failedFuture(failed("ChangeResourceRecordSets on zone " + zone, e));
        });
  }

  @Override
  public Future<Void> awaitInSync(String changeId, Duration timeout) {
    String id = bareChangeId(changeId);
    Context context = resilient.vertx().getOrCreateContext();
    Instant until = resilient.scheduler().clock().instant().plus(timeout);
    return poll(id, context, until, timeout, firstPoll);
  }

  private Future<Void> poll(String id, Context context, Instant until, Duration timeout, Duration interval) {
    return resilient.call("GetChange", () -> client.getChange(r -> r.id(id)))
        .recover(e -> Future.failedFuture(failed("GetChange for change " + id, e)))
        .compose(r -> {
          if (r.changeInfo().status() == ChangeStatus.INSYNC) {
            return Future.succeededFuture();
          }
          Duration left = Duration.between(resilient.scheduler().clock().instant(), until);
          if (left.isNegative() || left.isZero()) {
            return Future.failedFuture(new AwsCallException("Route 53 change " + id + " is still "
                + r.changeInfo().statusAsString() + " after " + Resilient.human(timeout) + "; check it with"
                + " `aws route53 get-change --id " + id + "` and resume once it is INSYNC", true, null));
          }
          Duration wait = interval.compareTo(left) < 0 ? interval : left;
          Duration next = interval.multipliedBy(2).compareTo(maxPoll) < 0 ? interval.multipliedBy(2) : maxPoll;
          return resilient.delay(context, wait).compose(v -> poll(id, context, until, timeout, next));
        });
  }

  /** Not retryable, or a transient failure past the deadline (already an {@link AwsCallException}). */
  static Throwable failed(String what, Throwable e) {
    if (e instanceof AwsCallException || e instanceof dev.cutover.port.DnsConflictException) {
      return e;
    }
    return new AwsCallException("Route 53 " + what + " failed: " + AwsErrors.describe(e)
        + ". This error is not retryable: check the plan's zone and records and the IAM permissions"
        + " (runbooks/iam.md), then run again", false, e);
  }
}
