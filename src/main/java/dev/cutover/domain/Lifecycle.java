package dev.cutover.domain;

import java.time.Duration;
import java.util.Objects;

/**
 * What comes after the last step: how long the new stack is watched at 100% before the cutover counts as done
 * (the soak; Heroku's weighted record stays, at weight 0, so a revert is still one UPSERT), and the TTL the plain
 * AWS record gets when {@code cutover finalize} removes the weighted pair.
 *
 * @param soak zero for none
 * @param finalTtl the TTL of the plain record finalize creates; null keeps the pair's TTL
 */
public record Lifecycle(Duration soak, Duration finalTtl) {
  public static final Lifecycle NONE = new Lifecycle(Duration.ZERO, null);

  public Lifecycle {
    Objects.requireNonNull(soak, "soak");
    if (soak.isNegative()) {
      throw new IllegalArgumentException("soak must not be negative, got " + soak);
    }
    if (finalTtl != null && (finalTtl.isNegative() || finalTtl.isZero())) {
      throw new IllegalArgumentException("finalTtl must be positive, got " + finalTtl);
    }
  }

  public boolean soaks() {
    return !soak.isZero();
  }
}
