package dev.cutover.sandbox.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cutover.testkit.MutableClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TokenBucketTest {

  @Test
  void admitsABurstThenRefillsAtTheRateOnTheInjectedClock() {
    MutableClock clock = MutableClock.atEpochDay();
    TokenBucket bucket = new TokenBucket(clock, RequestRate.perSecond(2));

    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).isTrue();
    assertThat(bucket.tryAcquire()).as("burst of 2 used").isFalse();
    clock.advance(Duration.ofMillis(500));
    assertThat(bucket.tryAcquire()).as("one token after half a second at 2/s").isTrue();
    assertThat(bucket.tryAcquire()).isFalse();
  }

  @Test
  void unlimitedNeverThrottles() {
    TokenBucket bucket = new TokenBucket(MutableClock.atEpochDay(), RequestRate.UNLIMITED);
    for (int i = 0; i < 10_000; i++) {
      assertThat(bucket.tryAcquire()).isTrue();
    }
    assertThat(RequestRate.UNLIMITED.describe()).isEqualTo("off");
  }

  @Test
  void aRateMustBeAPositiveFiniteNumber() {
    for (double bad : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
      assertThatThrownBy(() -> RequestRate.perSecond(bad)).as("%s", bad).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(RequestRate.perSecond(0.5)).isEqualTo(new RequestRate(1, 0.5));
    assertThat(RequestRate.perSecond(20).describe()).isEqualTo("20 requests/s, bursts of 20");
  }
}
