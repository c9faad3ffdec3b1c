package dev.cutover.engine;

import dev.cutover.domain.AlarmStatus;
import dev.cutover.port.Scheduler;
import dev.cutover.port.Signals;
import io.vertx.core.Future;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@link Signals} shared by every cutover of a process: the alarm reads that arrive together become one
 * DescribeAlarms read of the union of their names (the adapter asks for 100 names per call), and an alarm watched
 * by several cutovers is read once.
 */
public final class BatchedSignals implements Signals {
  private final Signals delegate;
  private final Batches batches;

  /** The batches every cutover of a process shares (one per account). */
  public static final class Batches {
    private final Coalescer<String, String, List<AlarmStatus>> reads;

    public Batches(Scheduler scheduler) {
      this.reads = new Coalescer<>(scheduler);
    }

    /** DescribeAlarms reads made for all cutovers together so far. */
    public long reads() {
      return reads.calls();
    }
  }

  /** @param delegate this cutover's adapter; batches of alarm reads are shared with every other cutover */
  public BatchedSignals(Signals delegate, Batches batches) {
    this.delegate = delegate;
    this.batches = batches;
  }

  @Override
  public Future<List<AlarmStatus>> describe(List<String> alarmNames) {
    Set<String> wanted = new HashSet<>(alarmNames);
    return batches.reads.request("alarms", alarmNames, (account, names) -> delegate.describe(names))
        .map(all -> all.stream().filter(a -> wanted.contains(a.name())).toList());
  }
}
