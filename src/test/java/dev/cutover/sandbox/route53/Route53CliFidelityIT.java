package dev.cutover.sandbox.route53;

import dev.cutover.testkit.AwsCli;
import dev.cutover.testkit.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The AWS CLI (v1 on PATH, v2 at /usr/bin/aws) against the sandbox, as a subprocess on 127.0.0.1. */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class Route53CliFidelityIT {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String APP = "app.example.com.";

  @TempDir Path tmp;
  private MutableClock clock;
  private Route53SandboxServer sandbox;

  static Stream<Arguments> clis() {
    return Stream.of(
        Arguments.of("v1", AwsCli.v1OnPath().orElse(null)),
        Arguments.of("v2", Files.isExecutable(AwsCli.V2) ? AwsCli.V2 : null));
  }

  @BeforeEach
  void start() {
    clock = MutableClock.atEpochDay();
    sandbox = Route53SandboxServer.start(new Route53Model(clock));
  }

  @AfterEach
  void stop() {
    sandbox.close();
  }

  @ParameterizedTest(name = "AWS CLI {0}")
  @MethodSource("clis")
  void createsShiftsAndDeletesWeightedRecordsAndRejectsStaleDelete(String version, Path executable) {
    AwsCli aws = cli(version, executable);
    JsonNode zone = json(aws.ok("route53", "create-hosted-zone", "--name", "example.com",
        "--caller-reference", "cli-" + version));
    String zoneId = zone.at("/HostedZone/Id").asText();
    assertThat(zoneId).matches("/hostedzone/Z[A-Z0-9]+");
    assertThat(zone.at("/ChangeInfo/Status").asText()).isEqualTo("PENDING");

    String created = json(aws.ok("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId,
        "--change-batch", batch(change("CREATE", "heroku", 100, "app-1.herokudns.com"),
            change("CREATE", "aws", 0, "alb.aws.com")))).at("/ChangeInfo/Id").asText();
    assertThat(weights(zoneId)).containsExactly("aws=0", "heroku=100");

    JsonNode pending = json(aws.ok("route53", "get-change", "--id", created));
    assertThat(pending.at("/ChangeInfo/Status").asText()).isEqualTo("PENDING");
    clock.advance(Duration.ofSeconds(2));
    assertThat(json(aws.ok("route53", "get-change", "--id", created)).at("/ChangeInfo/Status").asText())
        .isEqualTo("INSYNC");

    aws.ok("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", batch(
        change("DELETE", "heroku", 100, "app-1.herokudns.com"), change("CREATE", "heroku", 50, "app-1.herokudns.com"),
        change("DELETE", "aws", 0, "alb.aws.com"), change("CREATE", "aws", 50, "alb.aws.com")));
    assertThat(weights(zoneId)).containsExactly("aws=50", "heroku=50");

    AwsCli.Result stale = aws.run("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId,
        "--change-batch", batch(
            change("DELETE", "aws", 50, "alb.aws.com"), change("CREATE", "aws", 100, "alb.aws.com"),
            change("DELETE", "heroku", 100, "app-1.herokudns.com"),
            change("CREATE", "heroku", 0, "app-1.herokudns.com")));
    assertThat(stale.exitCode()).isNotZero();
    assertThat(stale.stderr()).contains("InvalidChangeBatch").contains("do not match the current values");
    assertThat(weights(zoneId)).containsExactly("aws=50", "heroku=50");

    aws.ok("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", batch(
        change("DELETE", "heroku", 50, "app-1.herokudns.com"), change("DELETE", "aws", 50, "alb.aws.com")));
    assertThat(weights(zoneId)).isEmpty();
  }

  @ParameterizedTest(name = "AWS CLI {0}")
  @MethodSource("clis")
  void listsRecordSetsWithMaxItemsAndPageSizeInRoute53Order(String version, Path executable) {
    AwsCli aws = cli(version, executable);
    Route53Model model = sandbox.model();
    String zoneId = model.createHostedZone("example.com", "cli-list-" + version, null).zone().id();
    model.changeResourceRecordSets(zoneId, null, List.of(
        new Change(ChangeAction.CREATE, RecordSet.simple("www.example.com", "A", 300, List.of("192.0.2.1"))),
        new Change(ChangeAction.CREATE, RecordSet.simple("b.a.example.com", "A", 300, List.of("192.0.2.2"))),
        new Change(ChangeAction.CREATE, RecordSet.weighted(APP, "CNAME", "heroku", 100, 60, "h.herokudns.com")),
        new Change(ChangeAction.CREATE, RecordSet.weighted(APP, "CNAME", "aws", 0, 60, "alb.aws.com"))));
    List<String> expected = List.of("example.com. NS", "example.com. SOA", "b.a.example.com. A",
        "app.example.com. CNAME aws", "app.example.com. CNAME heroku", "www.example.com. A");

    JsonNode first = json(aws.ok("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId,
        "--max-items", "2"));
    assertThat(names(first)).containsExactlyElementsOf(expected.subList(0, 2));
    String token = first.path("NextToken").asText();
    assertThat(token).isNotEmpty();
    JsonNode second = json(aws.ok("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId,
        "--max-items", "2", "--starting-token", token));
    assertThat(names(second)).containsExactlyElementsOf(expected.subList(2, 4));

    JsonNode all = json(aws.ok("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId,
        "--page-size", "2"));
    assertThat(names(all)).containsExactlyElementsOf(expected);

    JsonNode byName = json(aws.ok("route53", "list-hosted-zones-by-name", "--dns-name", "example.com"));
    assertThat(byName.at("/HostedZones/0/Id").asText()).isEqualTo("/hostedzone/" + zoneId);
  }

  /**
   * Developer Guide, "DNS domain name format": names come back with characters other than a-z, 0-9, - and _ as
   * \ooo octal escapes; characters 000-040 octal (space, tab) must be given as escapes, raw they are refused.
   */
  @ParameterizedTest(name = "AWS CLI {0}")
  @MethodSource("clis")
  void namesComeBackOctalEscapedAndARawSpaceIsUnsupportedCharacter(String version, Path executable) {
    AwsCli aws = cli(version, executable);
    String zoneId = sandbox.model().createHostedZone("example.com", "cli-names-" + version, null).zone().id();

    aws.ok("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", batch(
        simpleChange("*.example.com", "A", "192.0.2.1"), simpleChange("a!b.example.com", "A", "192.0.2.2")));
    assertThat(names(json(aws.ok("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId))))
        .contains("\\052.example.com. A", "a\\041b.example.com. A");

    AwsCli.Result space = aws.run("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId,
        "--change-batch", batch(simpleChange("foo bar.example.com", "A", "192.0.2.3")));
    assertThat(space.exitCode()).isNotZero();
    assertThat(space.stderr()).contains("InvalidChangeBatch").contains("UnsupportedCharacter");
    AwsCli.Result listSpace = aws.run("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId,
        "--start-record-name", "foo\tbar.example.com.", "--start-record-type", "A");
    assertThat(listSpace.exitCode()).isNotZero();
    assertThat(listSpace.stderr()).contains("InvalidInput").contains("UnsupportedCharacter");
  }

  /** API Reference, ResourceRecordSet Type (RRType): HTTPS, SVCB, TLSA and SSHFP are valid types. */
  @ParameterizedTest(name = "AWS CLI {0}")
  @MethodSource("clis")
  void createsHttpsSvcbTlsaAndSshfpRecords(String version, Path executable) {
    AwsCli aws = cli(version, executable);
    String zoneId = sandbox.model().createHostedZone("example.com", "cli-types-" + version, null).zone().id();

    aws.ok("route53", "change-resource-record-sets", "--hosted-zone-id", zoneId, "--change-batch", batch(
        simpleChange("example.com", "HTTPS", "1 . alpn=h2"), simpleChange("_svc.example.com", "SVCB", "1 s.example."),
        simpleChange("_443._tcp.example.com", "TLSA", "3 1 1 0123abcd"),
        simpleChange("host.example.com", "SSHFP", "4 2 0123abcd")));

    assertThat(names(json(aws.ok("route53", "list-resource-record-sets", "--hosted-zone-id", zoneId))))
        .contains("example.com. HTTPS", "_svc.example.com. SVCB", "_443._tcp.example.com. TLSA",
            "host.example.com. SSHFP");
  }

  @ParameterizedTest(name = "AWS CLI {0}")
  @MethodSource("clis")
  void anUnimplementedOperationShowsItsErrorCode(String version, Path executable) {
    AwsCli aws = cli(version, executable);
    String zoneId = sandbox.model().createHostedZone("example.com", "cli-unimpl-" + version, null).zone().id();

    AwsCli.Result deleted = aws.run("route53", "delete-hosted-zone", "--id", zoneId);

    assertThat(deleted.exitCode()).isNotZero();
    assertThat(deleted.stderr()).contains("(NotImplemented)").contains("DeleteHostedZone");
  }

  // ---- helpers ---------------------------------------------------------------------------------------------

  private AwsCli cli(String version, Path executable) {
    Assumptions.assumeTrue(executable != null, version.equals("v2")
        ? "AWS CLI v2 not found at /usr/bin/aws; install with apt-get install -y awscli"
        : "AWS CLI v1 not found on PATH (an aws other than /usr/bin/aws); install with pip install awscli");
    return new AwsCli(executable, sandbox.endpoint());
  }

  private List<String> weights(String zoneId) {
    return sandbox.model().records(zoneId).stream()
        .filter(r -> r.name().equals(APP))
        .map(r -> r.setIdentifier() + "=" + r.weight())
        .toList();
  }

  private static List<String> names(JsonNode listing) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : listing.path("ResourceRecordSets")) {
      out.add(r.path("Name").asText() + " " + r.path("Type").asText()
          + (r.has("SetIdentifier") ? " " + r.path("SetIdentifier").asText() : ""));
    }
    return out;
  }

  private static String change(String action, String setId, int weight, String value) {
    return """
        {"Action": "%s", "ResourceRecordSet": {"Name": "%s", "Type": "CNAME", "SetIdentifier": "%s",
         "Weight": %d, "TTL": 60, "ResourceRecords": [{"Value": "%s"}]}}""".formatted(action, APP, setId, weight, value);
  }

  private static String simpleChange(String name, String type, String value) {
    return """
        {"Action": "CREATE", "ResourceRecordSet": {"Name": "%s", "Type": "%s", "TTL": 300,
         "ResourceRecords": [{"Value": "%s"}]}}""".formatted(name, type, value.replace("\"", "\\\""));
  }

  private String batch(String... changes) {
    try {
      Path file = Files.createTempFile(tmp, "batch", ".json");
      Files.writeString(file, "{\"Comment\": \"cli test\", \"Changes\": [" + String.join(",", changes) + "]}");
      return "file://" + file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode json(AwsCli.Result result) {
    try {
      return JSON.readTree(result.stdout());
    } catch (IOException e) {
      throw new AssertionError("AWS CLI printed no JSON: " + result.stdout() + " / " + result.stderr(), e);
    }
  }
}
