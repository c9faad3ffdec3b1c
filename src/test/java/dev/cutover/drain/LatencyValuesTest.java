package dev.cutover.drain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.HdrHistogram.IntCountsHistogram;
import org.junit.jupiter.api.Test;

/** Values and Counts for PutMetricData (CloudWatch API Reference, "PutMetricData": up to 150 values per metric). */
class LatencyValuesTest {

  @Test
  void fewDistinctValuesGoAsTheyAre() {
    IntCountsHistogram h = AppMinutes.histogram();
    h.recordValueWithCount(0, 2);
    h.recordValueWithCount(12, 5);
    h.recordValue(30_000);

    LatencyValues.Values v = LatencyValues.of(h, 150);

    assertThat(v.seconds()).hasSize(3);
    assertThat(v.seconds()[0]).isZero();
    assertThat(v.seconds()[1]).isEqualTo(0.012);
    assertThat(v.seconds()[2]).isCloseTo(30.0, within(0.3));
    assertThat(v.counts()).containsExactly(2, 5, 1);
  }

  @Test
  void manyDistinctValuesAreGroupedKeepingEveryCountAndThePercentilesWithinAFewPercent() {
    IntCountsHistogram h = AppMinutes.histogram();
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 20_000; i++) {
      h.recordValue(Math.round(Math.exp(Math.log(90) + 0.6 * random.nextGaussian())));
    }
    h.recordValue(0);

    LatencyValues.Values v = LatencyValues.of(h, 150);

    assertThat(v.seconds().length).isLessThanOrEqualTo(150);
    assertThat(java.util.Arrays.stream(v.counts()).sum()).isEqualTo(20_001);
    IntCountsHistogram back = AppMinutes.histogram();
    for (int i = 0; i < v.seconds().length; i++) {
      back.recordValueWithCount(Math.round(v.seconds()[i] * 1000), (long) v.counts()[i]);
    }
    for (double p : new double[] {50, 90, 99}) {
      double original = h.getValueAtPercentile(p);
      assertThat((double) back.getValueAtPercentile(p)).as("p" + p).isCloseTo(original, within(original * 0.05));
    }
  }
}
