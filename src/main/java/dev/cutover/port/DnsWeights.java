package dev.cutover.port;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;

/**
 * Route 53 as the engine needs it. Implementations retry what may pass (throttling, PriorRequestNotComplete,
 * 5xx, timeouts) up to their deadline and fail the Future with {@link DnsConflictException} when a guarded batch
 * found the records changed, or with {@link AwsCallException} for anything else.
 */
public interface DnsWeights {

  /** The zone's apex name, e.g. "example.com.", or a failed Future naming the zone when it does not exist. */
  Future<String> zoneName(String zoneId);

  /** Both weighted records of every pair, in plan order; a side that does not exist is null. */
  Future<List<PairState>> read(String zoneId, List<RecordPair> pairs);

  /** As {@link #read(String, List)}, queued for the account's budget with {@code priority} (a revert's read first). */
  default Future<List<PairState>> read(String zoneId, List<RecordPair> pairs, Priority priority) {
    return read(zoneId, pairs);
  }

  /**
   * Sends one all-or-nothing change batch; completes with the change id (without "/change/"). A revert (an
   * UPSERT-only batch) goes ahead of every other call waiting for the account's budget.
   */
  Future<String> apply(ChangeBatch batch);

  /** Completes when the change is INSYNC, fails when {@code timeout} passes first. */
  Future<Void> awaitInSync(String changeId, Duration timeout);

  /** As {@link #awaitInSync(String, Duration)}, polling with {@code priority} (a revert's change first). */
  default Future<Void> awaitInSync(String changeId, Duration timeout, Priority priority) {
    return awaitInSync(changeId, timeout);
  }
}
