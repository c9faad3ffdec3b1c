package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.aws.AwsWireMock.await;
import static dev.cutover.aws.AwsWireMock.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.port.AwsCallException;
import dev.cutover.port.MetricPublisher.Datum;
import dev.cutover.port.MetricPublisher.Unit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PutMetricData through the real SDK client (Smithy RPC v2 CBOR, aws-notes §3) against WireMock. Shapes from the
 * CloudWatch API Reference, "PutMetricData" and "MetricDatum": Value, or Values with Counts (up to 150 values per
 * metric in one request), Unit, Timestamp, Dimensions.
 */
class CloudWatchMetricsIT {
  static final String PATH = "/service/GraniteServiceVersion20100801/operation/PutMetricData";
  static final Instant NOON = Instant.parse("2026-11-21T12:00:00Z");
  static final Map<String, String> APP = Map.of("App", "myapp");

  @RegisterExtension static final AwsWireMock aws = new AwsWireMock();

  private CloudWatchMetrics metrics() {
    return new CloudWatchMetrics(aws.cloudWatch, new Resilient(aws.vertx, aws.scheduler,
        Resilient.Settings.cloudWatch(AwsWireMock.TEST_DEADLINE).withBackoff(Duration.ofMillis(5),
            Duration.ofMillis(40)).withRate(100)));
  }

  private static MappingBuilder put() {
    return post(urlPathEqualTo(PATH)).withHeader("smithy-protocol", equalTo("rpc-v2-cbor"));
  }

  private static Datum latency(Instant minute, double... seconds) {
    double[] counts = new double[seconds.length];
    java.util.Arrays.fill(counts, 3);
    return new Datum("TargetResponseTime", APP, minute, Unit.SECONDS, seconds, counts);
  }

  @Test
  void sendsCountsAsValuesAndLatencyAsValuesWithCounts() throws Exception {
    aws.server.stubFor(put().willReturn(CloudWatchSignalsIT.cbor(200, Map.of())));

    await(metrics().publish("Cutover/Heroku", List.of(
        Datum.of("RequestCount", APP, NOON, Unit.COUNT, 1234),
        latency(NOON, 0.012, 0.4, 30.0))));

    JsonNode body = bodies().get(0);
    assertThat(body.get("Namespace").asText()).isEqualTo("Cutover/Heroku");
    JsonNode count = body.get("MetricData").get(0);
    assertThat(count.get("MetricName").asText()).isEqualTo("RequestCount");
    assertThat(count.get("Value").asDouble()).isEqualTo(1234);
    assertThat(count.get("Unit").asText()).isEqualTo("Count");
    assertThat(count.get("Dimensions").get(0).get("Name").asText()).isEqualTo("App");
    assertThat(count.get("Dimensions").get(0).get("Value").asText()).isEqualTo("myapp");
    assertThat(count.get("Timestamp").asDouble()).as("epoch seconds (CBOR tag 1)").isEqualTo(NOON.getEpochSecond());
    JsonNode time = body.get("MetricData").get(1);
    assertThat(time.get("Unit").asText()).isEqualTo("Seconds");
    assertThat(time.has("Value")).isFalse();
    assertThat(numbers(time.get("Values"))).containsExactly(0.012, 0.4, 30.0);
    assertThat(numbers(time.get("Counts"))).containsExactly(3.0, 3.0, 3.0);
  }

  @Test
  void neverSendsTwoValueArraysOfOneMetricInOneCall() throws Exception {
    aws.server.stubFor(put().willReturn(CloudWatchSignalsIT.cbor(200, Map.of())));

    await(metrics().publish("Cutover/Heroku", List.of(
        Datum.of("RequestCount", APP, NOON, Unit.COUNT, 10), latency(NOON, 0.1, 0.2),
        Datum.of("RequestCount", APP, NOON.plusSeconds(60), Unit.COUNT, 20), latency(NOON.plusSeconds(60), 0.3))));

    List<JsonNode> bodies = bodies();
    assertThat(bodies).hasSize(2);
    assertThat(bodies.get(0).get("MetricData").size()).isEqualTo(3);
    assertThat(bodies.get(1).get("MetricData").size()).isEqualTo(1);
  }

  @Test
  void aThrottledPutIsSentAgain() throws Exception {
    aws.server.stubFor(put().inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(CloudWatchSignalsIT.error(400, "Throttling", "Throttling;Sender", "Rate exceeded"))
        .willSetStateTo("ok"));
    aws.server.stubFor(put().inScenario("throttled").whenScenarioStateIs("ok")
        .willReturn(CloudWatchSignalsIT.cbor(200, Map.of())));

    await(metrics().publish("Cutover/Heroku", List.of(Datum.of("RequestCount", APP, NOON, Unit.COUNT, 1))));

    assertThat(aws.requests()).hasSize(2);
  }

  @Test
  void aDeniedPutFailsAtOnceNamingThePermission() throws Exception {
    aws.server.stubFor(put().willReturn(CloudWatchSignalsIT.error(403, "AccessDenied", "AccessDenied;Sender",
        "not authorized to perform cloudwatch:PutMetricData")));

    Throwable error = failure(metrics().publish("Cutover/Heroku",
        List.of(Datum.of("RequestCount", APP, NOON, Unit.COUNT, 1))));

    assertThat(error).isInstanceOf(AwsCallException.class).hasMessageContaining("AccessDenied")
        .hasMessageContaining("cloudwatch:PutMetricData permission");
    assertThat(((AwsCallException) error).wasTransient()).isFalse();
    assertThat(aws.requests()).hasSize(1);
  }

  @Test
  void anEmptyAnswerOf200IsSuccess() throws Exception {
    aws.server.stubFor(put().willReturn(aResponse().withStatus(200).withHeader("smithy-protocol", "rpc-v2-cbor")));

    await(metrics().publish("Cutover/Heroku", List.of(Datum.of("RequestCount", APP, NOON, Unit.COUNT, 1))));

    assertThat(aws.requests()).hasSize(1);
  }

  private static List<JsonNode> bodies() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (var r : aws.requests()) {
      out.add(CloudWatchSignalsIT.CBOR.readTree(r.getBody()));
    }
    return out;
  }

  private static List<Double> numbers(JsonNode array) {
    List<Double> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asDouble()));
    return out;
  }
}
