package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code cutover sandbox --route53-rate N|off --cloudwatch-rate N|off}: the throttling buckets, as users set them. */
@Timeout(120)
class SandboxRatesIT {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {"--route53-rate|0", "--route53-rate|-5", "--route53-rate|NaN",
      "--route53-rate|fast", "--cloudwatch-rate|0", "--cloudwatch-rate|Infinity", "--cloudwatch-rate|' '"})
  void aBadRateExitsTwoNamingTheOption(String option, String value) {
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = Main.run("sandbox", "--port", "0", option, value);
    } finally {
      System.setErr(original);
    }

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(option + " must be a positive number of requests"
        + " per second").contains("`off`").doesNotContain("Exception");
  }

  @Test
  void offNeverThrottlesRoute53AndANumberThrottlesCloudWatchAboveIt() throws Exception {
    try (SandboxProcess sandbox = SandboxProcess.start("--route53-rate", "off", "--cloudwatch-rate", "3")) {
      String endpoint = sandbox.endpoint();
      assertThat(sandbox.startup()).as("startup lines").contains(
          "API request quotas: Route 53 off, CloudWatch 3 requests/s, bursts of 3 (--route53-rate, --cloudwatch-rate)");

      List<Integer> route53 = new ArrayList<>();
      for (int i = 0; i < 120; i++) { // far above the default burst of 50
        route53.add(send(HttpRequest.newBuilder(URI.create(endpoint + "/2013-04-01/hostedzone")).GET()));
      }
      assertThat(route53).as("Route 53 with --route53-rate off").containsOnly(200);

      List<Integer> cloudWatch = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        cloudWatch.add(send(HttpRequest.newBuilder(URI.create(endpoint + "/"))
            .header("X-Amz-Target", "GraniteServiceVersion20100801.DescribeAlarms")
            .header("Content-Type", "application/x-amz-json-1.0").POST(HttpRequest.BodyPublishers.ofString("{}"))));
      }
      assertThat(cloudWatch.subList(0, 3)).as("a burst of 3").containsOnly(200);
      assertThat(cloudWatch).as("then Throttling (400)").contains(400);
    }
  }

  private int send(HttpRequest.Builder request) throws Exception {
    return http.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }
}
