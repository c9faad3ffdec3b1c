package dev.cutover.plan;

import java.time.Duration;

/**
 * The DNS timing of a plan: the largest TTL preflight accepts, and the settle time a new split needs before
 * gates judge it (TTL + client caches + one ALB metric period:
 * "CloudWatch metrics for your Application Load Balancer" says ELB sends its metrics in 60-second intervals).
 *
 * @param explicit whether {@code settle:} was written in the file (else it is {@link #defaultSettle()})
 */
record Timing(Duration maxTtl, Duration settle, boolean explicit) {
  static final Duration DEFAULT_MAX_TTL = Duration.ofSeconds(60);
  /** Client caches (browsers keep at least 60 s) plus one 60 s ALB metric period. */
  static final Duration CACHES_AND_METRIC_PERIOD = Duration.ofSeconds(120);

  static Duration defaultSettle(Duration maxTtl) {
    return maxTtl.plus(CACHES_AND_METRIC_PERIOD);
  }

  Duration defaultSettle() {
    return defaultSettle(maxTtl);
  }

  /** How the settle time came about, for messages. */
  String explain() {
    return explicit
        ? "settle: " + Durations.format(settle)
        : "the DNS settle time " + Durations.format(settle) + " (maxTtl " + Durations.format(maxTtl)
            + " + 120s for client caches and one ALB metric period)";
  }
}
