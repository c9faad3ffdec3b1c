package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/**
 * {@code run --json} prints only JSON objects on stdout, one per line, also when it only reports how things
 * ended: the last line is then {@code {"type":"exit","exitCode":N,...}} (the real command line against the
 * sandbox, time compressed 40 times).
 */
@Timeout(120)
class RunJsonIT {
  static final String API = "api.example.com.";
  static final ObjectMapper JSON = new ObjectMapper();
  static final String PLAN = """
      name: api-json
      zone: ZONE
      settle: 0s
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 100, bake: 30s%s }
      gates:
        alarms: [api-5xx]
        poll: 5s
      """;

  @TempDir Path dir;
  SandboxFixture sandbox;

  @BeforeEach
  void world() throws Exception {
    sandbox = OnePair.sandbox(40, dir, "api-5xx");
  }

  @AfterEach
  void close() throws Exception {
    sandbox.close();
  }

  Path plan(String stepExtra) throws Exception {
    return sandbox.plan(dir, PLAN.formatted(stepExtra));
  }

  /** Every stdout line parsed as a JSON object (fails on any other line); returns them. */
  static List<JsonNode> jsonLines(SandboxFixture.Run run) throws Exception {
    List<JsonNode> nodes = new ArrayList<>();
    for (String line : run.out().lines().toList()) {
      JsonNode node = JSON.readTree(line);
      assertThat(node.isObject()).as("stdout line %s of:%n%s", line, run).isTrue();
      assertThat(node.hasNonNull("type")).as(line).isTrue();
      nodes.add(node);
    }
    assertThat(nodes).as(run.toString()).isNotEmpty();
    return nodes;
  }

  static JsonNode exitLine(SandboxFixture.Run run, int exit) throws Exception {
    assertThat(run.exit()).as(run.toString()).isEqualTo(exit);
    JsonNode last = jsonLines(run).get(jsonLines(run).size() - 1);
    assertThat(last.get("type").asText()).as(run.toString()).isEqualTo("exit");
    assertThat(last.get("exitCode").asInt()).isEqualTo(exit);
    assertThat(last.get("message").asText()).isNotBlank();
    return last;
  }

  @Test
  void anAlreadyCompletedPlanIsReportedAsAJsonExitLine() throws Exception {
    Path plan = plan("");
    assertThat(sandbox.cli("run", plan.toString()).exit()).isZero();

    SandboxFixture.Run again = sandbox.cli("run", plan.toString(), "--json");

    JsonNode exit = exitLine(again, 0);
    assertThat(exit.get("message").asText()).contains("already completed");
  }

  @Test
  void aCutoverThatEndedRevertedIsReportedAgainAsAJsonExitLine() throws Exception {
    Path plan = plan("");
    CompletableFuture<Void> alarm = CompletableFuture.runAsync(() -> {
      awaitEvent("bake-started");
      sandbox.setAlarm("api-5xx", StateValue.ALARM);
    });
    assertThat(sandbox.cli("run", plan.toString()).exit()).isEqualTo(4);
    alarm.get(10, TimeUnit.SECONDS);

    SandboxFixture.Run again = sandbox.cli("run", plan.toString(), "--json");

    assertThat(exitLine(again, 4).get("message").asText()).contains("ended ROLLED_BACK", "--new");
  }

  @Test
  void aFailedPreflightEndsWithTheEventsAndAJsonExitLine() throws Exception {
    sandbox.setAlarm("api-5xx", StateValue.ALARM);

    SandboxFixture.Run run = sandbox.cli("run", plan("").toString(), "--json");

    JsonNode exit = exitLine(run, 3);
    assertThat(exit.get("exit").asText()).isEqualTo("PREFLIGHT_FAILED");
    assertThat(jsonLines(run)).extracting(n -> n.get("type").asText()).contains("preflight-failed");
  }

  @Test
  void aLeaseHeldByAnotherRunIsAJsonExitLine() throws Exception {
    Path plan = plan(", approval: true");
    CompletableFuture<SandboxFixture.Run> first = CompletableFuture.supplyAsync(
        () -> sandbox.cli("run", plan.toString()));
    assertThat(awaitEvent("approval-requested")).isTrue();

    SandboxFixture.Run second = sandbox.cli("run", plan.toString(), "--json");

    assertThat(exitLine(second, 6).get("exit").asText()).isEqualTo("CONFLICT");
    assertThat(sandbox.cli("abort", plan.toString()).exit()).isZero();
    assertThat(first.get(60, TimeUnit.SECONDS).exit()).isEqualTo(5);
  }

  @Test
  void anInvalidPlanIsAJsonExitLineWithItsProblems() throws Exception {
    Path plan = Files.writeString(dir.resolve("bad.yaml"), "name: *api-prod\n");

    SandboxFixture.Run run = sandbox.cli("run", plan.toString(), "--json");

    JsonNode exit = exitLine(run, 2);
    assertThat(exit.get("source").asText()).isEqualTo(plan.toString());
    assertThat(exit.get("problems")).isNotEmpty();
    assertThat(exit.get("problems").get(0).get("path").asText()).isEqualTo("name");
  }

  @Test
  void aPlanFileThatIsADeviceIsAJsonExitLine() throws Exception {
    SandboxFixture.Run run = sandbox.cli("run", "/dev/zero", "--json");

    assertThat(exitLine(run, 2).get("problems").get(0).get("message").asText()).contains("character device");
  }

  @Test
  void aWrongCommandLineWithJsonIsAJsonExitLine() throws Exception {
    SandboxFixture.Run run = sandbox.cli("run", plan("").toString(), "--json", "--no-such-option");

    assertThat(exitLine(run, 2).get("message").asText()).contains("--no-such-option");
  }

  private boolean awaitEvent(String type) {
    try {
      return OnePair.awaitEvent(dir.resolve("state"), "api-json", type, Duration.ofSeconds(60), () -> true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
