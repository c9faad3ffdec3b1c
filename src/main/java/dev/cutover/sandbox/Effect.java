package dev.cutover.sandbox;

import dev.cutover.sandbox.traffic.Backend;
import dev.cutover.sandbox.traffic.Backend.Side;
import java.time.Instant;

/**
 * What a fault does while it is active. {@code until} is when it ends in simulated time ({@link Instant#MAX} for
 * a fault without {@code for:}); services with their own deadlines use it, backends are cleared by
 * {@link #clear}.
 */
public sealed interface Effect {

  void apply(FaultTargets targets, Instant until);

  void clear(FaultTargets targets);

  /** How scenario files write it, e.g. {@code aws.errorRate: 0.08}. */
  String describe();

  /** The backend answers this extra share of requests with a 5xx. */
  record ErrorRate(Side side, double rate) implements Effect {
    public ErrorRate {
      if (!(rate >= 0 && rate <= 1)) {
        throw new IllegalArgumentException("error rate must be a share from 0 to 1, got " + rate);
      }
    }

    public void apply(FaultTargets t, Instant until) {
      backend(t, side).extraErrorRate(rate);
    }

    public void clear(FaultTargets t) {
      backend(t, side).extraErrorRate(0);
    }

    public String describe() {
      return side.key() + ".errorRate: " + rate;
    }
  }

  /** The backend's response times are multiplied by this factor. */
  record LatencyFactor(Side side, double factor) implements Effect {
    public LatencyFactor {
      if (!(factor > 0 && factor <= 1000)) {
        throw new IllegalArgumentException("latency factor must be above 0 and at most 1000, got " + factor);
      }
    }

    public void apply(FaultTargets t, Instant until) {
      backend(t, side).latencyFactor(factor);
    }

    public void clear(FaultTargets t) {
      backend(t, side).latencyFactor(1);
    }

    public String describe() {
      return side.key() + ".latencyFactor: " + factor;
    }
  }

  /** Every Route 53 API call is throttled ("Rate exceeded"). */
  record Route53Throttle() implements Effect {
    public void apply(FaultTargets t, Instant until) {
      t.route53().throttleUntil(until);
    }

    public void clear(FaultTargets t) {
      t.route53().throttleUntil(Instant.MIN);
    }

    public String describe() {
      return "route53.throttle: true";
    }
  }

  /** Every Route 53 API call fails with HTTP 500 or 503. */
  record Route53Errors(int status) implements Effect {
    public Route53Errors {
      if (status != 500 && status != 503) {
        throw new IllegalArgumentException("route53.errors must be 500 or 503, got " + status);
      }
    }

    public void apply(FaultTargets t, Instant until) {
      t.route53().failUntil(until, status);
    }

    public void clear(FaultTargets t) {
      t.route53().failUntil(Instant.MIN, status);
    }

    public String describe() {
      return "route53.errors: " + status;
    }
  }

  /** Every CloudWatch API call fails with 503 ServiceUnavailable. */
  record CloudWatchUnavailable() implements Effect {
    public void apply(FaultTargets t, Instant until) {
      t.cloudWatch().unavailableUntil(until);
    }

    public void clear(FaultTargets t) {
      t.cloudWatch().unavailableUntil(Instant.MIN);
    }

    public String describe() {
      return "cloudwatch.unavailable: true";
    }
  }

  /** Every CloudWatch API call is throttled. */
  record CloudWatchThrottle() implements Effect {
    public void apply(FaultTargets t, Instant until) {
      t.cloudWatch().throttleUntil(until);
    }

    public void clear(FaultTargets t) {
      t.cloudWatch().throttleUntil(Instant.MIN);
    }

    public String describe() {
      return "cloudwatch.throttle: true";
    }
  }

  private static Backend backend(FaultTargets t, Side side) {
    return t.traffic().backend(side);
  }
}
