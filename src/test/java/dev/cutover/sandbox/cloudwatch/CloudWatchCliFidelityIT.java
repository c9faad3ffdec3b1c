package dev.cutover.sandbox.cloudwatch;

import dev.cutover.testkit.AwsCli;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The AWS CLI as a subprocess against the sandbox: v1 (botocore, AWS JSON 1.0) as {@code aws} on PATH and the
 * Debian v2.9 ({@code /usr/bin/aws}, AWS Query). Each CLI that is missing is skipped with the way to install it.
 */
class CloudWatchCliFidelityIT {
  private static final Instant T0 = Instant.parse("2026-11-21T12:00:00Z");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** A CLI to try: how to run it, the major version it must report, the protocol it should speak. */
  record Cli(String executable, String major, CloudWatchApi.Protocol protocol, String install) {
    @Override
    public String toString() {
      return "aws-cli/" + major + " (" + executable + ")";
    }
  }

  static Stream<Cli> clis() {
    return Stream.of(
        new Cli("aws", "1", CloudWatchApi.Protocol.JSON_1_0, "pip install awscli (v1) so that `aws` is on PATH"),
        new Cli("/usr/bin/aws", "2", CloudWatchApi.Protocol.QUERY, "apt-get install -y awscli"));
  }

  private CloudWatchSandbox sandbox;

  @BeforeEach
  void start() throws Exception {
    sandbox = CloudWatchSandbox.start(T0);
  }

  @AfterEach
  void stop() throws Exception {
    sandbox.close();
  }

  private record Result(int exit, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  private Result run(Cli cli, String... args) {
    var r = new AwsCli(Path.of(cli.executable()), sandbox == null ? null : sandbox.endpoint().toString()).run(args);
    return new Result(r.exitCode(), r.stdout(), r.stderr());
  }

  private void assumeInstalled(Cli cli) {
    String version;
    try {
      CloudWatchSandbox s = sandbox;
      sandbox = null;
      try {
        version = run(cli, "--version").out() + run(cli, "--version").err();
      } finally {
        sandbox = s;
      }
    } catch (Exception e) {
      version = "";
    }
    Assumptions.assumeTrue(version.startsWith("aws-cli/" + cli.major() + "."),
        "AWS CLI v" + cli.major() + " not found as " + cli.executable() + " (install: " + cli.install() + ")");
  }

  /** CLI v1 prints timestamps as received (JSON 1.0: epoch seconds), v2 as ISO-8601. */
  private static Instant instant(JsonNode n) {
    if (n.isNumber()) {
      return Instant.ofEpochMilli(Math.round(n.doubleValue() * 1000));
    }
    return java.time.OffsetDateTime.parse(n.asText()).toInstant();
  }

  private static void ok(Result r) {
    assertThat(r.exit()).as("exit code; stderr: %s", r.err()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void cliDrivesMetricsAlarmsAndCompositesInItsOwnProtocol(Cli cli) throws Exception {
    assumeInstalled(cli);
    ok(run(cli, "cloudwatch", "put-metric-data", "--namespace", "Cutover/Cli", "--metric-name", "Latency",
        "--dimensions", "Host=api.example.com", "--value", "0.5", "--unit", "Seconds",
        "--timestamp", T0.plusSeconds(5).toString()));
    ok(run(cli, "cloudwatch", "put-metric-alarm", "--alarm-name", "cli-latency", "--namespace", "Cutover/Cli",
        "--metric-name", "Latency", "--dimensions", "Name=Host,Value=api.example.com", "--statistic", "Average",
        "--period", "60", "--evaluation-periods", "1", "--threshold", "0.2",
        "--comparison-operator", "GreaterThanThreshold", "--treat-missing-data", "notBreaching"));

    JsonNode fresh = run(cli, "cloudwatch", "describe-alarms", "--alarm-names", "cli-latency").json();
    assertThat(fresh.at("/MetricAlarms/0/StateValue").asText()).isEqualTo("INSUFFICIENT_DATA");
    assertThat(fresh.at("/MetricAlarms/0/Dimensions/0/Value").asText()).isEqualTo("api.example.com");
    assertThat(fresh.at("/MetricAlarms/0/Threshold").asDouble()).isEqualTo(0.2);

    sandbox.clock.set(T0.plusSeconds(61));
    sandbox.model.evaluateAll();
    JsonNode tripped = run(cli, "cloudwatch", "describe-alarms", "--state-value", "ALARM").json();
    assertThat(tripped.at("/MetricAlarms/0/AlarmName").asText()).isEqualTo("cli-latency");
    assertThat(tripped.at("/MetricAlarms/0/StateReason").asText()).startsWith("Threshold Crossed");
    assertThat(instant(tripped.at("/MetricAlarms/0/StateUpdatedTimestamp"))).isEqualTo(T0.plusSeconds(61));

    ok(run(cli, "cloudwatch", "set-alarm-state", "--alarm-name", "cli-latency", "--state-value", "OK",
        "--state-reason", "drill"));
    JsonNode forced = run(cli, "cloudwatch", "describe-alarms", "--alarm-names", "cli-latency").json();
    assertThat(forced.at("/MetricAlarms/0/StateValue").asText()).isEqualTo("OK");
    assertThat(forced.at("/MetricAlarms/0/StateReason").asText()).isEqualTo("drill");

    ok(run(cli, "cloudwatch", "put-composite-alarm", "--alarm-name", "cli-gate",
        "--alarm-rule", "ALARM(\"cli-latency\")"));
    JsonNode composite = run(cli, "cloudwatch", "describe-alarms", "--alarm-types", "CompositeAlarm").json();
    assertThat(composite.at("/CompositeAlarms/0/AlarmRule").asText()).isEqualTo("ALARM(\"cli-latency\")");
    assertThat(composite.at("/CompositeAlarms/0/StateValue").asText()).isEqualTo("OK");
    assertThat(composite.at("/MetricAlarms").size()).isZero();

    JsonNode data = run(cli, "cloudwatch", "get-metric-data", "--start-time", T0.toString(),
        "--end-time", T0.plusSeconds(120).toString(), "--metric-data-queries", "[{\"Id\":\"lat\",\"MetricStat\":"
            + "{\"Metric\":{\"Namespace\":\"Cutover/Cli\",\"MetricName\":\"Latency\",\"Dimensions\":[{\"Name\":"
            + "\"Host\",\"Value\":\"api.example.com\"}]},\"Period\":60,\"Stat\":\"Maximum\"},\"ReturnData\":false},"
            + "{\"Id\":\"ms\",\"Expression\":\"FILL(lat,0)*1000\",\"Label\":\"ms\"}]").json();
    assertThat(data.at("/MetricDataResults/0/Label").asText()).isEqualTo("ms");
    assertThat(data.at("/MetricDataResults/0/Values").toString()).isEqualTo("[0.0,500.0]");

    Result missing = run(cli, "cloudwatch", "set-alarm-state", "--alarm-name", "ghost", "--state-value", "OK",
        "--state-reason", "x");
    assertThat(missing.exit()).isNotZero();
    assertThat(missing.err()).contains("ResourceNotFound");

    assertThat(sandbox.api.recentRequests()).isNotEmpty()
        .allSatisfy(r -> assertThat(r.protocol()).isEqualTo(cli.protocol()));
  }

  /**
   * API Reference, MetricDatum Value: values beyond -2^360..2^360 and NaN, +Infinity, -Infinity are rejected; a
   * dimension name given twice is refused with "No metric may specify the same dimension name twice.".
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void putMetricDataRefusesNanInfinityHugeValuesAndADimensionNamedTwice(Cli cli) {
    assumeInstalled(cli);
    for (String bad : List.of("NaN", "Infinity", "-Infinity", "1e200")) {
      Result r = run(cli, "cloudwatch", "put-metric-data", "--namespace", "Cutover/Cli", "--metric-name", "Latency",
          "--value=" + bad); // "=": a leading '-' would read as an option
      assertThat(r.exit()).as("%s: %s", bad, r.err()).isNotZero();
      assertThat(r.err()).as(bad).contains("InvalidParameterValue");
    }
    Result twice = run(cli, "cloudwatch", "put-metric-data", "--namespace", "Cutover/Cli", "--metric-data",
        "[{\"MetricName\":\"Latency\",\"Value\":1,\"Dimensions\":[{\"Name\":\"Host\",\"Value\":\"a\"},"
            + "{\"Name\":\"Host\",\"Value\":\"b\"}]}]");
    assertThat(twice.exit()).isNotZero();
    assertThat(twice.err()).contains("InvalidParameterValue").contains("No metric may specify the same dimension"
        + " name twice.");
    assertThat(sandbox.model.listMetrics("Cutover/Cli", null, Map.of())).as("nothing stored").isEmpty();
  }

  /** API Reference, GetMetricData StartTime: "12:32:34 is rounded down to 12:32:00". */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void getMetricDataRoundsStartTimeDownToTheMinute(Cli cli) throws Exception {
    assumeInstalled(cli);
    ok(run(cli, "cloudwatch", "put-metric-data", "--namespace", "Cutover/Cli", "--metric-name", "Requests",
        "--value", "3", "--timestamp", T0.plusSeconds(10).toString()));

    JsonNode data = run(cli, "cloudwatch", "get-metric-data", "--start-time", T0.plusSeconds(34).toString(),
        "--end-time", T0.plusSeconds(120).toString(), "--metric-data-queries", "[{\"Id\":\"m\",\"MetricStat\":"
            + "{\"Metric\":{\"Namespace\":\"Cutover/Cli\",\"MetricName\":\"Requests\"},\"Period\":60,"
            + "\"Stat\":\"Sum\"}}]").json();

    assertThat(instant(data.at("/MetricDataResults/0/Timestamps/0"))).isEqualTo(T0);
    assertThat(data.at("/MetricDataResults/0/Values").toString()).isEqualTo("[3.0]");
  }

  /** API Reference, SetAlarmState errors: InvalidFormat, "Data was not syntactically valid JSON" (400). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void setAlarmStateWithReasonDataThatIsNotJsonIsInvalidFormat(Cli cli) {
    assumeInstalled(cli);
    ok(run(cli, "cloudwatch", "put-metric-alarm", "--alarm-name", "cli-gate", "--namespace", "Cutover/Cli",
        "--metric-name", "Latency", "--statistic", "Average", "--period", "60", "--evaluation-periods", "1",
        "--threshold", "1", "--comparison-operator", "GreaterThanThreshold"));

    Result r = run(cli, "cloudwatch", "set-alarm-state", "--alarm-name", "cli-gate", "--state-value", "ALARM",
        "--state-reason", "drill", "--state-reason-data", "not json");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("InvalidFormat");
    ok(run(cli, "cloudwatch", "set-alarm-state", "--alarm-name", "cli-gate", "--state-value", "ALARM",
        "--state-reason", "drill", "--state-reason-data", "{\"version\":\"1.0\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("clis")
  void anOperationTheSandboxDoesNotServeShowsInvalidAction(Cli cli) {
    assumeInstalled(cli);

    Result r = run(cli, "cloudwatch", "describe-alarm-history", "--alarm-name", "cli-gate");

    assertThat(r.exit()).isNotZero();
    assertThat(r.err()).contains("(InvalidAction)").contains("DescribeAlarmHistory");
  }
}
