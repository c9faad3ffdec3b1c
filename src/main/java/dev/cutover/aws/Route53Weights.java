package dev.cutover.aws;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.Priority;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import software.amazon.awssdk.services.route53.Route53AsyncClient;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@link DnsWeights} on Route 53: reads weighted groups with ListResourceRecordSets, applies one
 * ChangeResourceRecordSets per batch (DELETE+CREATE is a compare-and-swap; a mismatch becomes a
 * {@link dev.cutover.port.DnsConflictException} naming both values), and polls GetChange until INSYNC.
 * Every call goes through {@link Resilient}.
 */
public final class Route53Weights implements DnsWeights {

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
    return Route53Calls.bareZoneId(zoneId);
  }

  static String bareChangeId(String changeId) {
    return Route53Calls.bareChangeId(changeId);
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
    return read(zoneId, pairs, Priority.READ);
  }

  @Override
  public Future<List<PairState>> read(String zoneId, List<RecordPair> pairs, Priority priority) {
    if (pairs.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    // One paginated read from the first pair to the last in Route 53's order, not one call per pair: a plan of
    // a few related names is one call per poll, and even 250 pairs stay a handful of pages.
    Route53Calls.Range range = Route53Calls.Range.of(zoneId, pairs);
    return readRange(range, range.firstPage(), new ArrayList<>(), priority)
        .compose(records -> {
          Future<List<ResourceRecordSet>> all = Future.succeededFuture(records);
          for (RecordPair pair : Route53Calls.unseen(pairs, records)) {
            all = all.compose(acc -> readGroup(range.zone(), pair.name(), pair.type(), priority).map(group -> {
              Route53Calls.foundOutsideRange(pair, group);
              acc.addAll(group);
              return acc;
            }));
          }
          return all;
        })
        .map(records -> Route53Calls.pairStates(pairs, records));
  }

  /**
   * Every record set of one name + type, across pages (at most 300 records per page): the listing starts at the
   * group and ends at the first record of another name or type, whatever order Route 53 uses around it.
   */
  Future<List<ResourceRecordSet>> readGroup(String zone, String name, String type) {
    return readGroup(zone, name, type, Priority.READ);
  }

  private Future<List<ResourceRecordSet>> readGroup(String zone, String name, String type, Priority priority) {
    Route53Calls.Range range = Route53Calls.Range.group(zone, name, type);
    return readRange(range, range.firstPage(), new ArrayList<>(), priority);
  }

  /** Every record set of the range, from {@code request}'s page on. */
  private Future<List<ResourceRecordSet>> readRange(Route53Calls.Range range, ListResourceRecordSetsRequest request,
      List<ResourceRecordSet> acc, Priority priority) {
    return resilient.call("ListResourceRecordSets", priority, () -> client.listResourceRecordSets(request))
        .recover(e -> Future.failedFuture(range.failed(request, e)))
        .compose(page -> {
          ListResourceRecordSetsRequest next = range.collect(page, acc);
          return next == null ? Future.succeededFuture(acc) : readRange(range, next, acc, priority);
        });
  }

  @Override
  public Future<String> apply(ChangeBatch batch) {
    String zone = bareZoneId(batch.zone());
    ChangeResourceRecordSetsRequest request;
    try {
      request = Route53Calls.changeRequest(batch);
    } catch (IllegalStateException e) {
      return Future.failedFuture(e);
    }
    // a revert (UPSERT to 100% Heroku) goes ahead of every shift and read waiting for the account's budget
    Priority priority = batch.isRevert() ? Priority.REVERT : Priority.SHIFT;
    return resilient.call("ChangeResourceRecordSets", priority, () -> client.changeResourceRecordSets(request))
        .map(r -> bareChangeId(r.changeInfo().id()))
        .recover(e -> {
          if (e instanceof InvalidChangeBatchException icb && Conflicts.isCasMismatch(icb)) {
            return new Conflicts(this, zone).explain(batch, icb);
          }
          if (e instanceof NoSuchHostedZoneException) {
            return Future.failedFuture(Route53Calls.noSuchZoneForChange(zone, e));
          }
          return Future.failedFuture(failed("ChangeResourceRecordSets on zone " + zone, e));
        });
  }

  @Override
  public Future<Void> awaitInSync(String changeId, Duration timeout) {
    return awaitInSync(changeId, timeout, Priority.SHIFT);
  }

  @Override
  public Future<Void> awaitInSync(String changeId, Duration timeout, Priority priority) {
    String id = bareChangeId(changeId);
    Context context = resilient.vertx().getOrCreateContext();
    Instant until = resilient.scheduler().clock().instant().plus(timeout);
    return poll(id, context, until, timeout, firstPoll, priority);
  }

  private Future<Void> poll(String id, Context context, Instant until, Duration timeout, Duration interval,
      Priority priority) {
    return resilient.call("GetChange", priority, () -> client.getChange(r -> r.id(id)))
        .recover(e -> Future.failedFuture(failed("GetChange for change " + id, e)))
        .compose(r -> {
          if (r.changeInfo().status() == ChangeStatus.INSYNC) {
            return Future.succeededFuture();
          }
          Duration left = Duration.between(resilient.scheduler().clock().instant(), until);
          if (left.isNegative() || left.isZero()) {
            return Future.failedFuture(Route53Calls.stillPending(id, r.changeInfo().statusAsString(), timeout));
          }
          Duration wait = interval.compareTo(left) < 0 ? interval : left;
          Duration next = interval.multipliedBy(2).compareTo(maxPoll) < 0 ? interval.multipliedBy(2) : maxPoll;
          return resilient.delay(context, wait).compose(v -> poll(id, context, until, timeout, next, priority));
        });
  }

  /** Not retryable, or a transient failure past the deadline (already an {@link AwsCallException}). */
  static Throwable failed(String what, Throwable e) {
    return Route53Calls.failed(what, e);
  }
}
