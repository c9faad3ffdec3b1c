package dev.cutover.drain;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What one app's drain received, for logs, tests and the operator: nothing here is ever fatal, it is counted.
 * Thread-safe.
 */
public final class DrainStats {
  final AtomicLong batches = new AtomicLong();
  final AtomicLong duplicateBatches = new AtomicLong();
  final AtomicLong requests = new AtomicLong();
  final AtomicLong otherLines = new AtomicLong();
  final AtomicLong malformedFrames = new AtomicLong();
  final AtomicLong malformedLines = new AtomicLong();
  final AtomicLong outsideWindow = new AtomicLong();
  final AtomicLong countMismatches = new AtomicLong();
  final AtomicLong refused = new AtomicLong();
  final AtomicLong tooLarge = new AtomicLong();

  /**
   * A copy of the counters.
   *
   * @param batches bodies accepted (duplicates included)
   * @param duplicateBatches bodies whose {@code Logplex-Frame-Id} was seen before (a retry): not counted again
   * @param requests router lines counted as requests
   * @param otherLines well-formed messages that are not router lines (the app's own logs)
   * @param malformedFrames octet-counted frames that could not be read
   * @param malformedLines messages that are not syslog, or router lines without a readable status or time
   * @param outsideWindow router lines older than the retention or stamped too far ahead of the clock
   * @param countMismatches bodies whose {@code Logplex-Msg-Count} differs from the frames read
   * @param refused requests without the drain's secret (401)
   * @param tooLarge bodies over the size limit (413)
   */
  public record Snapshot(long batches, long duplicateBatches, long requests, long otherLines, long malformedFrames,
      long malformedLines, long outsideWindow, long countMismatches, long refused, long tooLarge) {}

  public Snapshot snapshot() {
    return new Snapshot(batches.get(), duplicateBatches.get(), requests.get(), otherLines.get(),
        malformedFrames.get(), malformedLines.get(), outsideWindow.get(), countMismatches.get(), refused.get(),
        tooLarge.get());
  }
}
