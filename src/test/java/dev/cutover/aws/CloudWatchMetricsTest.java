package dev.cutover.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cutover.port.MetricPublisher.Datum;
import dev.cutover.port.MetricPublisher.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How data are split into PutMetricData calls (CloudWatch API Reference, "PutMetricData" limits). */
class CloudWatchMetricsTest {
  static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");

  private static Datum values(String app, Instant t, int n) {
    double[] v = new double[n];
    double[] c = new double[n];
    for (int i = 0; i < n; i++) {
      v[i] = i + 1;
      c[i] = 1 + i % 3;
    }
    return new Datum("TargetResponseTime", Map.of("App", app), t, Unit.SECONDS, v, c);
  }

  @Test
  void putsAtMostAThousandMetricsInOneCall() {
    List<Datum> data = new ArrayList<>();
    for (int i = 0; i < 2500; i++) {
      data.add(Datum.of("RequestCount", Map.of("App", "app-" + i), NOON, Unit.COUNT, i));
    }

    assertThat(CloudWatchMetrics.batches(data)).extracting(List::size).containsExactly(1000, 1000, 500);
  }

  @Test
  void keepsOneValuesArrayPerMetricAndCallButPacksOtherMetricsTogether() {
    List<Datum> data = List.of(values("a", NOON, 150), values("a", NOON.plusSeconds(60), 150),
        values("b", NOON, 150), Datum.of("RequestCount", Map.of("App", "a"), NOON, Unit.COUNT, 1));

    List<List<Datum>> batches = CloudWatchMetrics.batches(data);

    assertThat(batches).hasSize(2);
    assertThat(batches.get(0)).hasSize(3);
    assertThat(batches.get(1)).containsExactly(data.get(1));
  }

  @Test
  void staysWellUnderTheMegabyteOfARequest() {
    List<Datum> data = new ArrayList<>();
    for (int i = 0; i < 600; i++) {
      data.add(values("app-" + i, NOON, 150));
    }

    for (List<Datum> batch : CloudWatchMetrics.batches(data)) {
      assertThat(batch.stream().mapToInt(CloudWatchMetrics::size).sum())
          .isLessThanOrEqualTo(CloudWatchMetrics.MAX_BYTES_PER_CALL);
    }
  }
}
