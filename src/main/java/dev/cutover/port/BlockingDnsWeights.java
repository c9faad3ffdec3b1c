package dev.cutover.port;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import java.time.Duration;
import java.util.List;

/**
 * Route 53 for a one-shot command (`rollback`): the operations of {@link DnsWeights}, each blocking the calling
 * thread until done, so that no event loop has to start before the first request leaves. Never call it on an
 * event loop. Implementations retry what may pass (throttling, PriorRequestNotComplete, 5xx, timeouts) up to
 * their deadline and throw {@link AwsCallException} for anything else.
 */
public interface BlockingDnsWeights {

  /** Both weighted records of every pair, in plan order; a side that does not exist is null. */
  List<PairState> read(String zoneId, List<RecordPair> pairs);

  /** Sends one all-or-nothing change batch; returns the change id (without "/change/"). */
  String apply(ChangeBatch batch);

  /** Returns once the change is INSYNC; throws {@link AwsCallException} when {@code timeout} passes first. */
  void awaitInSync(String changeId, Duration timeout);
}
