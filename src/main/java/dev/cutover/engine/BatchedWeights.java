package dev.cutover.engine;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.Scheduler;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@link DnsWeights} shared by every cutover of a process: weight reads of one hosted zone that arrive together
 * become one paginated range read of the union of their pairs, so a poll costs one Route 53 read per zone, not
 * one per cutover. Writes and INSYNC polls pass straight through.
 */
public final class BatchedWeights implements DnsWeights {
  private final DnsWeights delegate;
  private final Coalescer<String, RecordPair, List<PairState>> batches;

  public BatchedWeights(DnsWeights delegate, Scheduler scheduler) {
    this.delegate = delegate;
    this.batches = new Coalescer<>(scheduler, delegate::read);
  }

  @Override
  public Future<String> zoneName(String zoneId) {
    return delegate.zoneName(zoneId);
  }

  @Override
  public Future<List<PairState>> read(String zoneId, List<RecordPair> pairs) {
    return batches.request(zoneId, pairs).map(all -> {
      Map<RecordPair, PairState> byPair = all.stream()
          .collect(Collectors.toMap(PairState::pair, Function.identity(), (a, b) -> a));
      return pairs.stream().map(byPair::get).toList();
    });
  }

  @Override
  public Future<String> apply(ChangeBatch batch) {
    return delegate.apply(batch);
  }

  @Override
  public Future<Void> awaitInSync(String changeId, Duration timeout) {
    return delegate.awaitInSync(changeId, timeout);
  }

  /** Range reads made for all cutovers together so far. */
  public long batchedReads() {
    return batches.calls();
  }
}
