package dev.cutover.sandbox.traffic;

import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One backend (Heroku or AWS): its normal behaviour and a mutable fault overlay that a scenario switches on and
 * off. The overlay adds to the error rate (capped at 1) and multiplies the response time. Thread-safe: the overlay
 * is two volatile fields, read once per simulated second.
 */
public final class Backend {
  private final Side side;
  private volatile BackendProfile profile;
  private volatile double extraErrorRate;
  private volatile double latencyFactor = 1.0;

  /** Which side of the cutover a backend is. */
  public enum Side {
    HEROKU,
    AWS;

    /** {@code heroku} or {@code aws}, as scenario files and stats name it. */
    public String key() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  Backend(Side side, BackendProfile profile) {
    this.side = Objects.requireNonNull(side, "side");
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  public Side side() {
    return side;
  }

  public BackendProfile profile() {
    return profile;
  }

  public void profile(BackendProfile profile) {
    this.profile = Objects.requireNonNull(profile, "profile");
  }

  /** Adds {@code rate} (0..1) to the normal error rate until cleared. */
  public void extraErrorRate(double rate) {
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException("extra error rate must be a share from 0 to 1, got " + rate);
    }
    this.extraErrorRate = rate;
  }

  /** Multiplies every response time by {@code factor} (> 0) until cleared. */
  public void latencyFactor(double factor) {
    if (!(factor > 0) || Double.isInfinite(factor)) {
      throw new IllegalArgumentException("latency factor must be a positive number, got " + factor);
    }
    this.latencyFactor = factor;
  }

  public double extraErrorRate() {
    return extraErrorRate;
  }

  public double latencyFactor() {
    return latencyFactor;
  }

  /** Removes the fault overlay. */
  public void clearFault() {
    extraErrorRate = 0;
    latencyFactor = 1.0;
  }

  /** The error rate in effect: normal plus fault, at most 1. */
  public double errorRate() {
    return Math.min(1.0, profile.errorRate() + extraErrorRate);
  }

  /** A sampler for one simulated second: reads the volatile state once. */
  Sampler sampler() {
    BackendProfile p = profile;
    return new Sampler(errorRate(), Math.log(p.medianSeconds() * latencyFactor), p.sigma());
  }

  /** Draws outcomes of single requests with the state of one moment. */
  record Sampler(double errorRate, double logMedian, double sigma) {
    boolean fails(RandomGenerator random) {
      return errorRate > 0 && random.nextDouble() < errorRate;
    }

    double latencySeconds(RandomGenerator random) {
      return Math.exp(logMedian + sigma * random.nextGaussian());
    }
  }
}
