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

  static long alignDown(long epochSecond, int period) {
    return Math.floorDiv(epochSecond, period) * period;
  }

  private static final long DAY = 86_400;

  /**
   * Where the first period of a GetMetricData query starts. API Reference, GetMetricData StartTime: "CloudWatch
   * rounds the specified time stamp as follows: Start time less than 15 days ago - Round down to the nearest whole
   * minute. For example, 12:32:34 is rounded down to 12:32:00. Start time between 15 and 63 days ago - Round down to
   * the nearest 5-minute clock interval ... Start time greater than 63 days ago - Round down to the nearest 1-hour
   * clock interval ... If you set Period to 5, 10, 20, or 30, the start time of your request is rounded down to the
   * nearest time that corresponds to even 5-, 10-, 20-, or 30-second divisions of a minute."
   */
  static long roundStart(long startEpochSecond, long nowEpochSecond, int period) {
    long age = nowEpochSecond - startEpochSecond;
    int unit = period < 60 ? period : age < 15 * DAY ? 60 : age < 63 * DAY ? 300 : 3600;
    return alignDown(startEpochSecond, unit);
  }
}
