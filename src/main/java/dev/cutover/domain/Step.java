package dev.cutover.domain;

import java.time.Duration;
import java.util.Objects;

/** A target split, how long it must bake healthy, and whether an operator must approve it before it starts. */
public record Step(Split split, Duration bake, boolean approval) {
  public Step {
    Objects.requireNonNull(split, "split");
    Objects.requireNonNull(bake, "bake");
    if (bake.isNegative()) {
      throw new IllegalArgumentException("bake must not be negative, got " + bake);
    }
  }
}
