package dev.cutover.port;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Heroku's own request figures, per app, from the router lines of a Heroku HTTPS log drain that cutover receives
 * itself (docs/heroku-drain.md): what a gate reads for the Heroku side when no CloudWatch metric holds it. An
 * in-memory read that never blocks; the same figures go to CloudWatch with {@code --publish-heroku-metrics}.
 *
 * <p>Times are the router's own timestamps (when Heroku logged the request), in the scheduler's time. Minutes are
 * whole UTC minutes; a window is merged from its minutes, so a percentile of a window is computed over all its
 * requests, never averaged from per-minute percentiles.
 */
public interface HerokuTraffic {

  /** The apps whose drains are configured, whether or not anything arrived yet. */
  Set<String> apps();

  /**
   * The minutes in {@code [from, to)} that hold at least one router line, oldest first: per-period values for a
   * test that compares periods. A minute with no line is absent, not zero: see {@link #lastReceived}.
   */
  List<Figures> minutes(String app, Instant from, Instant to);

  /** Every request of {@code [from, to)} (whole minutes), merged; zero requests when none arrived. */
  Figures window(String app, Instant from, Instant to);

  /**
   * When the drain last delivered a batch for {@code app} (scheduler time), or empty if it never did. A window
   * with no requests after a recent delivery means Heroku served nothing; without one it means the drain is
   * silent (could not measure).
   */
  Optional<Instant> lastReceived(String app);

  /**
   * Requests of one minute or window.
   *
   * @param from the start of the first minute (inclusive)
   * @param to the end of the last minute (exclusive)
   * @param requests router lines with a status (every request Heroku's router answered)
   * @param serverErrors those with status 500-599, router errors such as H12 (503) included
   * @param latency the {@code service=} times of the requests that have one
   */
  record Figures(Instant from, Instant to, long requests, long serverErrors, Latency latency) {
    public Figures {
      Objects.requireNonNull(from, "from");
      Objects.requireNonNull(to, "to");
      Objects.requireNonNull(latency, "latency");
      if (requests < 0 || serverErrors < 0 || serverErrors > requests) {
        throw new IllegalArgumentException("need 0 <= serverErrors <= requests, got " + serverErrors + " of "
            + requests);
      }
    }

    /** 5xx / requests as a share from 0 to 1; NaN without requests (could not measure is never healthy). */
    public double errorRate() {
      return requests == 0 ? Double.NaN : (double) serverErrors / requests;
    }
  }

  /**
   * Percentiles of the router's {@code service=} time in milliseconds, from a histogram with 1% precision; NaN
   * for all when {@code samples} is 0.
   */
  record Latency(long samples, double p50, double p90, double p95, double p99, double p999, double max) {
    public static final Latency NONE =
        new Latency(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    public Latency {
      if (samples < 0) {
        throw new IllegalArgumentException("samples must not be negative, got " + samples);
      }
    }
  }
}
