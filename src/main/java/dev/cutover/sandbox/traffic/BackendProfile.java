package dev.cutover.sandbox.traffic;

/**
 * How a backend behaves when nothing is wrong: its share of 5xx answers and its response time, a lognormal
 * distribution given by its median and its 99th percentile (in seconds).
 */
public record BackendProfile(double errorRate, double medianSeconds, double p99Seconds) {
  /** The 99th percentile of the standard normal distribution. */
  private static final double Z99 = 2.3263478740408408;

  public BackendProfile {
    if (!(errorRate >= 0 && errorRate <= 1)) {
      throw new IllegalArgumentException("errorRate must be a share from 0 to 1, got " + errorRate);
    }
    if (!(medianSeconds > 0) || !(p99Seconds >= medianSeconds) || Double.isInfinite(p99Seconds)) {
      throw new IllegalArgumentException("latency needs 0 < median <= p99, got median " + medianSeconds
          + " s and p99 " + p99Seconds + " s");
    }
  }

  /** A Heroku dyno behind its router: 0.2% 5xx, median 90 ms, p99 400 ms. */
  public static BackendProfile herokuDefault() {
    return new BackendProfile(0.002, 0.090, 0.400);
  }

  /** The new AWS stack behind an ALB: 0.1% 5xx, median 70 ms, p99 300 ms (well below a 0.5 s p99 alarm). */
  public static BackendProfile awsDefault() {
    return new BackendProfile(0.001, 0.070, 0.300);
  }

  /** The lognormal's sigma: ln(p99 / median) / z(0.99). */
  double sigma() {
    return Math.log(p99Seconds / medianSeconds) / Z99;
  }
}
