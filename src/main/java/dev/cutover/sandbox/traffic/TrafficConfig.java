package dev.cutover.sandbox.traffic;

import java.time.Duration;
import java.util.Objects;

/**
 * How much traffic the simulation makes and how clients cache DNS answers.
 *
 * @param clients simulated clients, each with its own resolver cache
 * @param requestsPerSecond total request rate of all clients, per simulated second
 * @param extraCacheMin least time a client keeps an answer beyond its TTL (browsers, JVM caches)
 * @param extraCacheMax most time a client keeps an answer beyond its TTL; each expiry draws uniformly in between
 * @param statsWindow how far back {@link TrafficModel#snapshot()} looks
 * @param seed the seed of the simulation's random numbers: the same seed gives the same run for the same inputs
 * @param drain where Heroku's router lines go, as Heroku's HTTPS log drain sends them, or null for nowhere: a URL
 *     like {@code http://cutover:SECRET@127.0.0.1:8080/drains/heroku/APP} (the userinfo becomes basic auth)
 */
public record TrafficConfig(
    int clients,
    double requestsPerSecond,
    Duration extraCacheMin,
    Duration extraCacheMax,
    Duration statsWindow,
    BackendProfile heroku,
    BackendProfile aws,
    long seed,
    java.net.URI drain) {

  public TrafficConfig {
    if (clients < 1 || clients > 1_000_000) {
      throw new IllegalArgumentException("clients must be from 1 to 1000000, got " + clients);
    }
    if (!(requestsPerSecond >= 0) || requestsPerSecond > 100_000) {
      throw new IllegalArgumentException("requestsPerSecond must be from 0 to 100000, got " + requestsPerSecond);
    }
    Objects.requireNonNull(extraCacheMin, "extraCacheMin");
    Objects.requireNonNull(extraCacheMax, "extraCacheMax");
    if (extraCacheMin.isNegative() || extraCacheMax.compareTo(extraCacheMin) < 0) {
      throw new IllegalArgumentException("client cache needs 0 <= extraCacheMin <= extraCacheMax, got "
          + extraCacheMin + " and " + extraCacheMax);
    }
    if (statsWindow.getSeconds() < 1 || statsWindow.getSeconds() > 3600) {
      throw new IllegalArgumentException("statsWindow must be from 1 s to 1 h, got " + statsWindow);
    }
    Objects.requireNonNull(heroku, "heroku");
    Objects.requireNonNull(aws, "aws");
    if (drain != null && (drain.getHost() == null
        || !("http".equalsIgnoreCase(drain.getScheme()) || "https".equalsIgnoreCase(drain.getScheme())))) {
      throw new IllegalArgumentException("the drain must be an http or https URL with a host, like"
          + " http://cutover:SECRET@127.0.0.1:8080/drains/heroku/myapp");
    }
  }

  /** 200 clients, 50 requests per second, 0-60 s of extra client caching, a 30 s stats window, seed 1. */
  public static TrafficConfig defaults() {
    return new TrafficConfig(200, 50, Duration.ZERO, Duration.ofSeconds(60), Duration.ofSeconds(30),
        BackendProfile.herokuDefault(), BackendProfile.awsDefault(), 1L, null);
  }

  public TrafficConfig withClients(int n) {
    return new TrafficConfig(n, requestsPerSecond, extraCacheMin, extraCacheMax, statsWindow, heroku, aws, seed, drain);
  }

  public TrafficConfig withRequestsPerSecond(double rate) {
    return new TrafficConfig(clients, rate, extraCacheMin, extraCacheMax, statsWindow, heroku, aws, seed, drain);
  }

  public TrafficConfig withExtraCache(Duration min, Duration max) {
    return new TrafficConfig(clients, requestsPerSecond, min, max, statsWindow, heroku, aws, seed, drain);
  }

  public TrafficConfig withStatsWindow(Duration window) {
    return new TrafficConfig(clients, requestsPerSecond, extraCacheMin, extraCacheMax, window, heroku, aws, seed, drain);
  }

  public TrafficConfig withProfiles(BackendProfile herokuProfile, BackendProfile awsProfile) {
    return new TrafficConfig(clients, requestsPerSecond, extraCacheMin, extraCacheMax, statsWindow, herokuProfile,
        awsProfile, seed, drain);
  }

  /** As the record prints itself, without the drain URL's userinfo (its secret). */
  @Override
  public String toString() {
    String d = drain == null ? "none" : drain.getScheme() + "://" + drain.getHost() + ":" + drain.getPort()
        + drain.getRawPath();
    return "TrafficConfig[clients=" + clients + ", requestsPerSecond=" + requestsPerSecond + ", extraCache="
        + extraCacheMin + ".." + extraCacheMax + ", statsWindow=" + statsWindow + ", heroku=" + heroku + ", aws=" + aws
        + ", seed=" + seed + ", drain=" + d + "]";
  }

  /** Sends Heroku's router lines to {@code url} as Heroku's HTTPS log drain does (null: nowhere). */
  public TrafficConfig withDrain(java.net.URI url) {
    return new TrafficConfig(clients, requestsPerSecond, extraCacheMin, extraCacheMax, statsWindow, heroku, aws, seed,
        url);
  }

  public TrafficConfig withSeed(long newSeed) {
    return new TrafficConfig(clients, requestsPerSecond, extraCacheMin, extraCacheMax, statsWindow, heroku, aws,
        newSeed, drain);
  }
}
