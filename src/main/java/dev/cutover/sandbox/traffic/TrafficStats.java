package dev.cutover.sandbox.traffic;

import java.time.Duration;
import java.time.Instant;

/**
 * What the simulated traffic did in the last window, for progress lines and the UI.
 *
 * @param simulatedTime the scheduler time of the snapshot
 * @param window how far back the numbers look
 * @param awsShare the share (0..1) of the window's requests that actually went to AWS (NaN without requests)
 * @param clientsOnAws the share (0..1) of clients whose cached DNS answer points at AWS right now
 */
public record TrafficStats(
    Instant simulatedTime, Duration window, double awsShare, double clientsOnAws, BackendStats heroku,
    BackendStats aws) {

  /**
   * One backend over the window.
   *
   * @param errorRate 5xx / requests (NaN without requests)
   * @param p99Seconds the 99th percentile response time (NaN without requests), to about 2%
   * @param totalRequests every request since the simulation started
   */
  public record BackendStats(long requests, long errors, double errorRate, double p99Seconds, long totalRequests) {}

  /** "aws 49.8% of requests (clients 51.0%) | heroku 1502 req, 0.20% 5xx, p99 402 ms | aws ...". */
  public String line() {
    return String.format(java.util.Locale.ROOT, "aws %s of requests (clients %.1f%%) | heroku %s | aws %s",
        Double.isNaN(awsShare) ? "-" : String.format(java.util.Locale.ROOT, "%.1f%%", 100 * awsShare),
        100 * clientsOnAws, describe(heroku), describe(aws));
  }

  private static String describe(BackendStats b) {
    if (b.requests() == 0) {
      return "no requests";
    }
    return String.format(java.util.Locale.ROOT, "%d req, %.2f%% 5xx, p99 %.0f ms", b.requests(),
        100 * b.errorRate(), 1000 * b.p99Seconds());
  }
}
