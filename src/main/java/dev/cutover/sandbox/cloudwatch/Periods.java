package dev.cutover.sandbox.cloudwatch;

/** Period rules: 10, 20, 30 (high resolution) or a multiple of 60 seconds; the sandbox's buckets are 10 s. */
final class Periods {
  private Periods() {}

  static int check(int period) {
    if (!(period == 10 || period == 20 || period == 30 || period > 0 && period % 60 == 0)) {
      throw CloudWatchServiceException.invalidParameter("The parameter Period must be 10, 20, 30 or a multiple of"
          + " 60 (the sandbox stores 10-second resolution); got " + period + ".");
    }
    return period;
  }

  /** The first period start at or after {@code epochSecond}. */
  static long alignUp(long epochSecond, int period) {
    return Math.floorDiv(epochSecond + period - 1, period) * period;
  }

  static long alignDown(long epochSecond, int period) {
    return Math.floorDiv(epochSecond, period) * period;
  }
}
