package dev.cutover.engine;

import dev.cutover.domain.ChangeBatch;
import dev.cutover.domain.PairState;
import dev.cutover.domain.RecordPair;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.Priority;
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
  private final Batches batches;

  /** The batches every cutover of a process shares (one per account). */
  public static final class Batches {
    private final Coalescer<String, RecordPair, List<PairState>> reads;

    public Batches(Scheduler scheduler) {
      this.reads = new Coalescer<>(scheduler);
    }

    /** Range reads made for all cutovers together so far. */
    public long reads() {
      return reads.calls();
    }
  }

  /** @param delegate this cutover's adapter; batches of weight reads are shared with every other cutover */
  public BatchedWeights(DnsWeights delegate, Batches batches) {
    this.delegate = delegate;
    this.batches = batches;
  }

  @Override
  public Future<String> zoneName(String zoneId) {
    return delegate.zoneName(zoneId);
  }

  @Override
  public Future<List<PairState>> read(String zoneId, List<RecordPair> pairs) {
    return batches.reads.request(zoneId, pairs, delegate::read).map(all -> {
      Map<RecordPair, PairState> byPair = all.stream()
          .collect(Collectors.toMap(PairState::pair, Function.identity(), (a, b) -> a));
      return pairs.stream().map(byPair::get).toList();
    });
  }

  /** A revert's read goes straight to Route 53, ahead of everything: it never waits for a batch. */
  @Override
  public Future<List<PairState>> read(String zoneId, List<RecordPair> pairs, Priority priority) {
    return priority == Priority.REVERT ? delegate.read(zoneId, pairs, priority) : read(zoneId, pairs);
  }

  @Override
  public Future<Void> awaitInSync(String changeId, Duration timeout, Priority priority) {
    return delegate.awaitInSync(changeId, timeout, priority);
  }

  @Override
  public Future<String> apply(ChangeBatch batch) {
    return delegate.apply(batch);
  }

  @Override
  public Future<Void> awaitInSync(String changeId, Duration timeout) {
    return delegate.awaitInSync(changeId, timeout);
  }
}
