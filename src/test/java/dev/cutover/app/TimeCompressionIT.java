package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `--time-speed` against real AWS is refused (exit 2, saying why) before any AWS call: real processes. */
class TimeCompressionIT {
  @TempDir Path dir;

  @Test
  void compressedTimeWithTheRoute53EndpointVariableOnRealAwsIsRefused() throws Exception {
    CutoverProcess.Result r = CutoverProcess.run(dir, Map.of("AWS_ENDPOINT_URL_ROUTE_53",
        "https://route53.amazonaws.com"), "--state-dir", dir.resolve("state").toString(), "--cloudwatch-endpoint",
        "http://127.0.0.1:9", "--time-speed", "40", "run", "config/example.yaml");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.err()).as(r.toString()).contains("Route 53 is at https://route53.amazonaws.com, not on loopback",
        "would shorten real bakes").doesNotContain("\tat ");
    assertThat(r.out()).isEmpty();
  }

  @Test
  void compressedTimeWithoutEndpointsIsRefusedWithAJsonExitLineUnderJson() throws Exception {
    CutoverProcess.Result r = CutoverProcess.run(dir, Map.of(), "--state-dir", dir.resolve("state").toString(),
        "--time-speed", "40", "run", "config/example.yaml", "--json");

    assertThat(r.exit()).as(r.toString()).isEqualTo(2);
    assertThat(r.out()).startsWith("{\"type\":\"exit\"").contains("would be real AWS");
  }
}
