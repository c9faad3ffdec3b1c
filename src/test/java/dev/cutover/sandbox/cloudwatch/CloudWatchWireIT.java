package dev.cutover.sandbox.cloudwatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The exact wire shapes of the three protocols, seen with a plain HTTP client. */
class CloudWatchWireIT {
  private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
  private static final CBORMapper CBOR = new CBORMapper();
  private static final ObjectMapper JSON = new ObjectMapper();

  private CloudWatchSandbox sandbox;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @BeforeEach
  void start() throws Exception {
    sandbox = CloudWatchSandbox.start(T0);
    sandbox.model.putMetricAlarm(new MetricAlarmSpec("api-5xx", null, true, null, null, null,
        MetricKey.of("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", Map.of()), "Sum", null, 60, null, 1, null,
        10, "GreaterThanThreshold", null, null));
  }

  @AfterEach
  void stop() throws Exception {
    sandbox.close();
  }

  private HttpResponse<byte[]> post(String path, Map<String, String> headers, byte[] body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(sandbox.endpoint() + path))
        .timeout(Duration.ofSeconds(10)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::header);
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private HttpResponse<byte[]> cbor(String op, Object input) throws Exception {
    return post(CloudWatchApi.CBOR_PATH + op, Map.of("smithy-protocol", "rpc-v2-cbor",
        "Content-Type", "application/cbor", "Accept", "application/cbor"), CBOR.writeValueAsBytes(input));
  }

  @Test
  void cborResponsesCarryTagOneTimestampsAndSmithyHeaders() throws Exception {
    HttpResponse<byte[]> r = cbor("DescribeAlarms", Map.of("AlarmNames", List.of("api-5xx")));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("smithy-protocol")).contains("rpc-v2-cbor");
    assertThat(r.headers().firstValue("Content-Type")).contains("application/cbor");
    assertThat(HexFormat.of().formatHex(r.body())).contains("c1fb"); // tag 1 + float64
    JsonNode body = CBOR.readTree(r.body());
    assertThat(body.at("/MetricAlarms/0/StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
    assertThat(body.at("/MetricAlarms/0/StateUpdatedTimestamp").asDouble()).isEqualTo(T0.getEpochSecond());
  }

  @Test
  void cborErrorsNameTheShapeAndTheQueryErrorCode() throws Exception {
    HttpResponse<byte[]> r = cbor("SetAlarmState", Map.of("AlarmName", "ghost", "StateValue", "OK",
        "StateReason", "x"));
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("x-amzn-query-error")).contains("ResourceNotFound;Sender");
    JsonNode body = CBOR.readTree(r.body());
    assertThat(body.get("__type").asText()).isEqualTo("com.amazonaws.cloudwatch#ResourceNotFound");
    assertThat(body.get("message").asText()).contains("ghost");
  }

  @Test
  void cborOutputWithoutMembersIsAnEmptyMap() throws Exception {
    HttpResponse<byte[]> r = cbor("SetAlarmState", Map.of("AlarmName", "api-5xx", "StateValue", "ALARM",
        "StateReason", "drill"));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(CBOR.readTree(r.body()).isEmpty()).isTrue();
  }

  @Test
  void unknownOperationIsInvalidAction() throws Exception {
    HttpResponse<byte[]> r = cbor("GetDashboard", Map.of());
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.headers().firstValue("x-amzn-query-error")).contains("InvalidAction;Sender");
  }

  @Test
  void jsonTimestampsAreEpochSecondsAndErrorsCarryType() throws Exception {
    Map<String, String> headers = Map.of("X-Amz-Target", "GraniteServiceVersion20100801.DescribeAlarms",
        "Content-Type", "application/x-amz-json-1.0");
    HttpResponse<byte[]> ok = post("/", headers, "{\"AlarmNamePrefix\":\"api\"}".getBytes());
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(ok.body());
    assertThat(body.at("/MetricAlarms/0/AlarmConfigurationUpdatedTimestamp").isNumber()).isTrue();
    assertThat(body.at("/MetricAlarms/0/AlarmConfigurationUpdatedTimestamp").asLong()).isEqualTo(T0.getEpochSecond());

    sandbox.faults.throttleUntil(T0.plusSeconds(1));
    HttpResponse<byte[]> throttled = post("/", headers, "{}".getBytes());
    assertThat(throttled.statusCode()).isEqualTo(400);
    assertThat(throttled.headers().firstValue("x-amzn-query-error")).contains("Throttling;Sender");
    assertThat(JSON.readTree(throttled.body()).get("__type").asText()).endsWith("#Throttling");
  }

  @Test
  void queryAnswersXmlInTheMonitoringNamespaceAndXmlErrors() throws Exception {
    Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
    HttpResponse<byte[]> ok = post("/", form,
        "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.1=api-5xx".getBytes());
    String xml = new String(ok.body());
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(xml).startsWith("<DescribeAlarmsResponse xmlns=\"http://monitoring.amazonaws.com/doc/2010-08-01/\">"
        + "<DescribeAlarmsResult>")
        .contains("<MetricAlarms><member><AlarmName>api-5xx</AlarmName>")
        .contains("<StateUpdatedTimestamp>2026-11-21T12:00:00Z</StateUpdatedTimestamp>")
        .contains("<ResponseMetadata><RequestId>");

    sandbox.faults.unavailableUntil(T0.plusSeconds(1));
    HttpResponse<byte[]> down = post("/", form, "Action=DescribeAlarms&Version=2010-08-01".getBytes());
    assertThat(down.statusCode()).isEqualTo(503);
    assertThat(new String(down.body())).contains("<ErrorResponse").contains("<Type>Receiver</Type>")
        .contains("<Code>ServiceUnavailable</Code>").contains("<RequestId>");
  }

  @Test
  void queryDecodesNestedMembers() throws Exception {
    Map<String, String> form = Map.of("Content-Type", "application/x-www-form-urlencoded");
    HttpResponse<byte[]> put = post("/", form, ("Action=PutMetricData&Version=2010-08-01&Namespace=Cutover%2FWire"
        + "&MetricData.member.1.MetricName=Latency&MetricData.member.1.Dimensions.member.1.Name=Host"
        + "&MetricData.member.1.Dimensions.member.1.Value=api&MetricData.member.1.Values.member.1=1"
        + "&MetricData.member.1.Values.member.2=3&MetricData.member.1.Timestamp=2026-11-21T12%3A00%3A05Z").getBytes());
    assertThat(put.statusCode()).as(new String(put.body())).isEqualTo(200);
    assertThat(new String(put.body())).doesNotContain("PutMetricDataResult");
    List<MetricDataResult> r = sandbox.model.getMetricData(List.of(MetricDataQuery.stat("m",
        new MetricStat(MetricKey.of("Cutover/Wire", "Latency", Map.of("Host", "api")), 60, "Average", null), true)),
        T0, T0.plusSeconds(60), true);
    assertThat(r.get(0).values()).containsExactly(2.0);
  }

  @Test
  void aListGivenAsANumberIsASerializationExceptionNotEveryAlarm() throws Exception {
    HttpResponse<byte[]> json = post("/", Map.of("X-Amz-Target", "GraniteServiceVersion20100801.DescribeAlarms",
        "Content-Type", "application/x-amz-json-1.0"), "{\"AlarmNames\":5}".getBytes());
    HttpResponse<byte[]> cbor = cbor("DescribeAlarms", Map.of("AlarmNames", 5));

    for (HttpResponse<byte[]> r : List.of(json, cbor)) {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(r.headers().firstValue("x-amzn-query-error")).contains("SerializationException;Sender");
      assertThat(new String(r.body())).doesNotContain("api-5xx");
    }
    assertThat(JSON.readTree(json.body()).get("__type").asText()).endsWith("#SerializationException");
    assertThat(CBOR.readTree(cbor.body()).get("__type").asText()).endsWith("#SerializationException");
  }

  @Test
  void aQueryListIndexBeyondAnIntIsA400NotA500() throws Exception {
    HttpResponse<byte[]> r = post("/", Map.of("Content-Type", "application/x-www-form-urlencoded"),
        "Action=DescribeAlarms&Version=2010-08-01&AlarmNames.member.99999999999=api-5xx".getBytes());

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(new String(r.body())).startsWith("<ErrorResponse").contains("<Code>InvalidParameterValue</Code>")
        .contains("AlarmNames.member.99999999999");
  }

  @Test
  void pathsAndMethodsTheSandboxDoesNotServeAnswerInTheProtocolsErrorShape() throws Exception {
    HttpResponse<byte[]> cborGet = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint()
        + CloudWatchApi.CBOR_PATH + "DescribeAlarms")).timeout(Duration.ofSeconds(10)).GET().build(),
        HttpResponse.BodyHandlers.ofByteArray());
    assertThat(cborGet.statusCode()).isEqualTo(400);
    assertThat(cborGet.headers().firstValue("x-amzn-query-error")).contains("InvalidAction;Sender");
    assertThat(CBOR.readTree(cborGet.body()).get("__type").asText()).endsWith("#InvalidAction");

    HttpResponse<byte[]> rootGet = http.send(HttpRequest.newBuilder(URI.create(sandbox.endpoint() + "/"))
        .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    HttpResponse<byte[]> plain = post("/", Map.of("Content-Type", "text/plain"), "hello".getBytes());
    for (HttpResponse<byte[]> r : List.of(rootGet, plain)) {
      assertThat(r.statusCode()).isEqualTo(400);
      assertThat(new String(r.body())).startsWith("<ErrorResponse xmlns=\"http://monitoring.amazonaws.com/doc/"
          + "2010-08-01/\"><Error><Type>Sender</Type><Code>InvalidAction</Code>");
    }

    HttpResponse<byte[]> otherTarget = post("/", Map.of("X-Amz-Target", "Logs_20140328.DescribeLogGroups",
        "Content-Type", "application/x-amz-json-1.1"), "{}".getBytes());
    assertThat(otherTarget.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(otherTarget.body()).get("__type").asText()).endsWith("#InvalidAction");
  }
}
