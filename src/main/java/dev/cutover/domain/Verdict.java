package dev.cutover.domain;

import java.util.Collection;

/** A gate's reading. "Could not measure" (Inconclusive, Unknown) is never Healthy. */
public enum Verdict {
  HEALTHY,
  /** The signal says the AWS side is unhealthy: revert at once. */
  BREACHED,
  /** Too little data to judge (e.g. INSUFFICIENT_DATA): hold the bake clock. */
  INCONCLUSIVE,
  /** The signal could not be read at all: hold, and revert after unknownLimit in a row. */
  UNKNOWN;

  /** Breached beats Unknown beats Inconclusive beats Healthy. No readings at all is Unknown. */
  public static Verdict worst(Collection<Verdict> verdicts) {
    if (verdicts.isEmpty()) {
      return UNKNOWN;
    }
    if (verdicts.contains(BREACHED)) {
      return BREACHED;
    }
    if (verdicts.contains(UNKNOWN)) {
      return UNKNOWN;
    }
    if (verdicts.contains(INCONCLUSIVE)) {
      return INCONCLUSIVE;
    }
    return HEALTHY;
  }
}
