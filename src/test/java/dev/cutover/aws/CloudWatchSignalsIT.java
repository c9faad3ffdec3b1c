package dev.cutover.aws;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static dev.cutover.aws.AwsWireMock.await;
import static dev.cutover.aws.AwsWireMock.failure;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.cutover.domain.AlarmStatus;
import dev.cutover.domain.Verdict;
import dev.cutover.port.AwsCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class CloudWatchSignalsIT {
  static final String PATH = "/service/GraniteServiceVersion20100801/operation/DescribeAlarms";
  static final CBORMapper CBOR = new CBORMapper();

  @RegisterExtension static final AwsWireMock aws = new AwsWireMock();

  @Test
  void alarmStatesMapToVerdicts() throws Exception {
    aws.server.stubFor(describeAlarms().willReturn(cbor(200, Map.of("MetricAlarms", List.of(
        metric("api-5xx", "OK", "Threshold Crossed: no datapoints were breaching"),
        metric("api-p99", "ALARM", "Threshold Crossed: 3 out of the last 3 datapoints were greater"),
        metric("api-new", "INSUFFICIENT_DATA", "Unchecked: Initial alarm creation"))))));

    List<AlarmStatus> alarms = await(aws.signals().describe(List.of("api-5xx", "api-p99", "api-new")));

    assertThat(alarms).extracting(AlarmStatus::name, AlarmStatus::verdict).containsExactlyInAnyOrder(
        org.assertj.core.groups.Tuple.tuple("api-5xx", Verdict.HEALTHY),
        org.assertj.core.groups.Tuple.tuple("api-p99", Verdict.BREACHED),
        org.assertj.core.groups.Tuple.tuple("api-new", Verdict.INCONCLUSIVE));
    assertThat(alarms).filteredOn(a -> a.name().equals("api-p99")).first()
        .extracting(AlarmStatus::reason).asString().contains("3 out of the last 3");
  }

  @Test
  void readsCompositeAlarmsAndAsksForBothAlarmTypes() throws Exception {
    aws.server.stubFor(describeAlarms().willReturn(cbor(200, Map.of(
        "MetricAlarms", List.of(metric("api-5xx", "OK", "fine")),
        "CompositeAlarms", List.of(metric("api-health", "ALARM", "api-5xx OR api-p99"))))));

    List<AlarmStatus> alarms = await(aws.signals().describe(List.of("api-5xx", "api-health")));

    assertThat(alarms).contains(new AlarmStatus("api-health", AlarmStatus.Kind.COMPOSITE, AlarmStatus.State.ALARM,
        "api-5xx OR api-p99"));
    JsonNode request = requestBodies().get(0);
    assertThat(texts(request.get("AlarmTypes"))).containsExactlyInAnyOrder("MetricAlarm", "CompositeAlarm");
    assertThat(texts(request.get("AlarmNames"))).containsExactly("api-5xx", "api-health");
  }

  @Test
  void asksForAtMostAHundredNamesPerCall() throws Exception {
    aws.server.stubFor(describeAlarms().willReturn(cbor(200, Map.of())));
    List<String> names = IntStream.range(0, 150).mapToObj(i -> "alarm-" + i).toList();

    await(aws.signals().describe(names));

    List<JsonNode> requests = requestBodies();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).get("AlarmNames").size()).isEqualTo(100);
    assertThat(requests.get(1).get("AlarmNames").size()).isEqualTo(50);
    assertThat(requests.get(1).get("AlarmNames").get(0).asText()).isEqualTo("alarm-100");
  }

  @Test
  void followsNextTokenPaging() throws Exception {
    aws.server.stubFor(describeAlarms().inScenario("paging").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(cbor(200, Map.of("MetricAlarms", List.of(metric("a", "OK", "")), "NextToken", "page-2")))
        .willSetStateTo("second"));
    aws.server.stubFor(describeAlarms().inScenario("paging").whenScenarioStateIs("second")
        .willReturn(cbor(200, Map.of("MetricAlarms", List.of(metric("b", "ALARM", ""))))));

    List<AlarmStatus> alarms = await(aws.signals().describe(List.of("a", "b")));

    assertThat(alarms).extracting(AlarmStatus::name).containsExactly("a", "b");
    List<JsonNode> requests = requestBodies();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).has("NextToken")).isFalse();
    assertThat(requests.get(1).get("NextToken").asText()).isEqualTo("page-2");
  }

  @Test
  void throttlingThenSuccessReadsTheAlarms() throws Exception {
    aws.server.stubFor(describeAlarms().inScenario("throttled").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(error(400, "Throttling", "Throttling;Sender", "Rate exceeded")).willSetStateTo("ok"));
    aws.server.stubFor(describeAlarms().inScenario("throttled").whenScenarioStateIs("ok")
        .willReturn(cbor(200, Map.of("MetricAlarms", List.of(metric("a", "OK", ""))))));

    assertThat(await(aws.signals().describe(List.of("a")))).hasSize(1);
    assertThat(aws.requests()).hasSize(2);
  }

  @Test
  void aFailingEndpointFailsTheFutureAfterTheShortDeadline() throws Exception {
    aws.server.stubFor(describeAlarms().willReturn(
        error(500, "InternalServiceFault", "InternalServiceError;Receiver", "internal error")));
    var signals = aws.signals(Resilient.Settings.cloudWatch(Duration.ofMillis(200))
        .withBackoff(Duration.ofMillis(5), Duration.ofMillis(20)).withRate(100));

    Throwable error = failure(signals.describe(List.of("a")));

    assertThat(error).isInstanceOf(AwsCallException.class).hasMessageContaining("CloudWatch DescribeAlarms");
    assertThat(((AwsCallException) error).wasTransient()).isTrue();
  }

  @Test
  void anAccessDeniedFailsAtOnce() throws Exception {
    aws.server.stubFor(describeAlarms().willReturn(
        error(403, "AccessDenied", "AccessDenied;Sender", "not authorized to perform cloudwatch:DescribeAlarms")));

    Throwable error = failure(aws.signals().describe(List.of("a")));

    assertThat(error).isInstanceOf(AwsCallException.class).hasMessageContaining("AccessDenied");
    assertThat(((AwsCallException) error).wasTransient()).isFalse();
    assertThat(aws.requests()).hasSize(1);
  }

  private static MappingBuilder describeAlarms() {
    return post(urlPathEqualTo(PATH)).withHeader("smithy-protocol", equalTo("rpc-v2-cbor"));
  }

  static Map<String, Object> metric(String name, String state, String reason) {
    Map<String, Object> alarm = new LinkedHashMap<>();
    alarm.put("AlarmName", name);
    alarm.put("StateValue", state);
    alarm.put("StateReason", reason);
    return alarm;
  }

  static ResponseDefinitionBuilder cbor(int status, Map<String, Object> body) throws Exception {
    return aResponse().withStatus(status).withHeader("Content-Type", "application/cbor")
        .withHeader("smithy-protocol", "rpc-v2-cbor").withBody(CBOR.writeValueAsBytes(body));
  }

  static ResponseDefinitionBuilder error(int status, String type, String queryError, String message)
      throws Exception {
    return cbor(status, Map.of("__type", "com.amazonaws.cloudwatch#" + type, "message", message))
        .withHeader("x-amzn-query-error", queryError);
  }

  private static List<JsonNode> requestBodies() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    for (var r : aws.requests()) {
      out.add(CBOR.readTree(r.getBody()));
    }
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }
}
