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
  private final Coalescer<String, String, List<AlarmStatus>> batches;

  public BatchedSignals(Signals delegate, Scheduler scheduler) {
    this.batches = new Coalescer<>(scheduler, (account, names) -> delegate.describe(names));
  }

  @Override
  public Future<List<AlarmStatus>> describe(List<String> alarmNames) {
    Set<String> wanted = new HashSet<>(alarmNames);
    return batches.request("alarms", alarmNames)
        .map(all -> all.stream().filter(a -> wanted.contains(a.name())).toList());
  }

  /** DescribeAlarms reads made for all cutovers together so far. */
  public long batchedReads() {
    return batches.calls();
  }
}
