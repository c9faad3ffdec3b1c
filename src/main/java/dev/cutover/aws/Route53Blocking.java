package dev.cutover.aws;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.BlockingDnsWeights;
import dev.cutover.port.DnsConflictException;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.awscore.AwsRequestOverrideConfiguration;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.services.route53.Route53Client;
import software.amazon.awssdk.services.route53.model.ChangeResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ChangeStatus;
import software.amazon.awssdk.services.route53.model.GetChangeResponse;
import software.amazon.awssdk.services.route53.model.InvalidChangeBatchException;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsRequest;
import software.amazon.awssdk.services.route53.model.ListResourceRecordSetsResponse;
import software.amazon.awssdk.services.route53.model.NoSuchHostedZoneException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * {@link BlockingDnsWeights} on the SDK's synchronous Route 53 client: the same requests, paging, messages and
 * retry predicate ({@link AwsErrors#retryable}) as {@link Route53Weights}, retried on the calling thread with the
 * same backoff ({@link Resilient.Settings#backoff}) up to the same deadline, in scheduler time. No attempt outlives
 * the deadline: each one's SDK timeout is cut to the time left. A one-shot command sends a handful of calls, spaced
 * by that backoff when they fail, so it needs neither the rate limiter nor the circuit breaker of {@link Resilient}.
 */
public final class Route53Blocking implements BlockingDnsWeights {
  private final Route53Client client;
  private final Resilient.Settings settings;
  private final Clock clock;
  private final double speed;
  private final Duration attemptTimeout;
  private final Duration firstPoll;
  private final Duration maxPoll;

  /**
   * @param clock the scheduler's clock: deadlines and polls are in its time
   * @param speed scheduler seconds per wall second (1 in production), for the waits
   * @param attemptTimeout the client's own per-attempt timeout (wall time), which an attempt never exceeds
   */
  public Route53Blocking(Route53Client client, Resilient.Settings settings, Clock clock, double speed,
      Duration attemptTimeout) {
    this(client, settings, clock, speed, attemptTimeout, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  /** Polls GetChange after {@code firstPoll}, doubling up to {@code maxPoll} (scheduler time). */
  public Route53Blocking(Route53Client client, Resilient.Settings settings, Clock clock, double speed,
      Duration attemptTimeout, Duration firstPoll, Duration maxPoll) {
    this.client = Objects.requireNonNull(client, "client");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (!(speed > 0)) {
      throw new IllegalArgumentException("speed must be positive, got " + speed);
    }
    this.speed = speed;
    this.attemptTimeout = Objects.requireNonNull(attemptTimeout, "attemptTimeout");
    this.firstPoll = firstPoll;
    this.maxPoll = maxPoll;
  }

  @Override
  public List<PairState> read(String zoneId, List<RecordPair> pairs) {
    if (pairs.isEmpty()) {
      return List.of();
    }
    Route53Calls.Range range = Route53Calls.Range.of(zoneId, pairs);
    List<ResourceRecordSet> records = readRange(range);
    for (RecordPair pair : Route53Calls.unseen(pairs, records)) {
      List<ResourceRecordSet> group = readRange(Route53Calls.Range.group(range.zone(), pair.name(), pair.type()));
      Route53Calls.foundOutsideRange(pair, group);
      records.addAll(group);
    }
    return Route53Calls.pairStates(pairs, records);
  }

  private List<ResourceRecordSet> readRange(Route53Calls.Range range) {
    List<ResourceRecordSet> records = new ArrayList<>();
    ListResourceRecordSetsRequest request = range.firstPage();
    while (request != null) {
      ListResourceRecordSetsRequest page = request;
      ListResourceRecordSetsResponse answer = call("ListResourceRecordSets",
          limit -> client.listResourceRecordSets(page.toBuilder().overrideConfiguration(limit).build()),
          e -> range.failed(page, e));
      request = range.collect(answer, records);
    }
    return records;
  }

  /**
   * Applies the batch. A guarded batch (DELETE + CREATE) whose guard fails throws {@link DnsConflictException}
   * with Route 53's own words, without the re-read of {@link Route53Weights#apply}: a one-shot command sends
   * UPSERTs, which have no guard.
   */
  @Override
  public String apply(ChangeBatch batch) {
    String zone = Route53Calls.bareZoneId(batch.zone());
    ChangeResourceRecordSetsRequest request = Route53Calls.changeRequest(batch);
    return Route53Calls.bareChangeId(call("ChangeResourceRecordSets",
        limit -> client.changeResourceRecordSets(request.toBuilder().overrideConfiguration(limit).build()),
        e -> {
          if (e instanceof InvalidChangeBatchException icb && Conflicts.isCasMismatch(icb)) {
            return new DnsConflictException(List.of("Route 53 rejected the guarded batch: "
                + AwsErrors.describe(icb) + "; read the records with `cutover status` before anything else"));
          }
          if (e instanceof NoSuchHostedZoneException) {
            return Route53Calls.noSuchZoneForChange(zone, e);
          }
          return Route53Calls.failed("ChangeResourceRecordSets on zone " + zone, e);
        }).changeInfo().id());
  }

  @Override
  public void awaitInSync(String changeId, Duration timeout) {
    String id = Route53Calls.bareChangeId(changeId);
    Instant until = clock.instant().plus(timeout);
    Duration interval = firstPoll;
    while (true) {
      GetChangeResponse r = call("GetChange", limit -> client.getChange(b -> b.id(id).overrideConfiguration(limit)),
          e -> Route53Calls.failed("GetChange for change " + id, e));
      if (r.changeInfo().status() == ChangeStatus.INSYNC) {
        return;
      }
      Duration left = Duration.between(clock.instant(), until);
      if (left.isNegative() || left.isZero()) {
        throw Route53Calls.stillPending(id, r.changeInfo().statusAsString(), timeout);
      }
      sleep(interval.compareTo(left) < 0 ? interval : left);
      interval = interval.multipliedBy(2).compareTo(maxPoll) < 0 ? interval.multipliedBy(2) : maxPoll;
    }
  }

  /**
   * Runs {@code attempt} until it succeeds, fails with an error that is not retryable ({@code failure} maps it),
   * or the deadline passes (a transient {@link AwsCallException} naming the call and the last AWS error).
   *
   * <p>As in {@link Resilient}, the deadline also holds in wall time while an attempt hangs, and compressed time
   * never gives the call less than {@link Resilient#MIN_WALL_WAIT} of wall time (nor more than the deadline
   * itself): the network does not get faster when the scheduler does.
   *
   * @param attempt one SDK call, given the override that bounds its attempt by the time left
   */
  private <T> T call(String name, Function<AwsRequestOverrideConfiguration, T> attempt,
      Function<Throwable, Throwable> failure) {
    Instant start = clock.instant();
    long deadlineNanos = settings.deadline().toNanos();
    long wallBudget = Math.max((long) Math.ceil(deadlineNanos / speed),
        Math.min(deadlineNanos, Resilient.MIN_WALL_WAIT.toNanos()));
    long wallStart = System.nanoTime();
    IntervalFunction backoff = settings.backoff();
    Throwable last = null;
    for (int n = 1; ; n++) {
      long wallLeft = wallBudget - (System.nanoTime() - wallStart);
      if (wallLeft <= 0) {
        throw unchecked(failure.apply(settings.gaveUp(name, n - 1, "the last attempt got no answer in time",
            last)));
      }
      boolean cutShort = wallLeft < attemptTimeout.toNanos();
      try {
        return attempt.apply(bound(Duration.ofNanos(wallLeft)));
      } catch (RuntimeException e) {
        Throwable error = AwsErrors.unwrap(e);
        if (cutShort && isTimeout(error)) {
          // the deadline ran out during this attempt: Route 53's last answer says more than our own timeout
          throw unchecked(failure.apply(settings.gaveUp(name, n, "the last attempt got no answer in time",
              last != null ? last : error)));
        }
        last = error;
        if (!AwsErrors.retryable(error)) {
          throw unchecked(failure.apply(error));
        }
        Duration wait = Duration.ofMillis(backoff.apply(n));
        if (Duration.between(start, clock.instant()).plus(wait).compareTo(settings.deadline()) > 0) {
          throw unchecked(failure.apply(settings.gaveUp(name, n, null, error)));
        }
        LoggerFactory.getLogger(Route53Blocking.class).warn("{} {} attempt {} failed with {}; retrying in {} ms",
            settings.service(), name, n, AwsErrors.code(error), wait.toMillis());
        sleep(wait);
      }
    }
  }

  private static boolean isTimeout(Throwable e) {
    return e instanceof ApiCallAttemptTimeoutException || e instanceof ApiCallTimeoutException;
  }

  /** This attempt's SDK timeouts: the client's attempt timeout, or the wall time left if that is sooner. */
  private AwsRequestOverrideConfiguration bound(Duration wallLeft) {
    Duration limit = wallLeft.compareTo(attemptTimeout) < 0 ? wallLeft : attemptTimeout;
    return AwsRequestOverrideConfiguration.builder().apiCallAttemptTimeout(limit).apiCallTimeout(limit).build();
  }

  private void sleep(Duration schedulerTime) {
    try {
      Thread.sleep(Math.max(0, (long) (schedulerTime.toMillis() / speed)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AwsCallException("interrupted while waiting to retry Route 53", true, e);
    }
  }

  private static RuntimeException unchecked(Throwable t) {
    return t instanceof RuntimeException r ? r : new AwsCallException(t.getMessage(), false, t);
  }
}
