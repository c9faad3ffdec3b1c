package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGTERM (a CI runner cancelling the job) and SIGINT (Ctrl-C) during a real {@code cutover run} process: it
 * says where traffic stands, exits 143 or 130 as the README's table says, changes nothing on the way out, and
 * the same command resumes the cutover to the end.
 */
@Timeout(180)
class SignalsIT {
  static final double SPEED = 40;
  static final String PLAN = """
      name: api-signals
      zone: ZONE
      settle: 0s
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 5, bake: 80s }
        - { split: 100, bake: 40s }
      gates:
        alarms: [api-5xx]
        poll: 5s
      """;

  @TempDir Path dir;
  SandboxFixture sandbox;
  Path plan;

  @BeforeEach
  void world() throws Exception {
    sandbox = OnePair.sandbox(SPEED, dir, "api-5xx");
    plan = sandbox.plan(dir, PLAN);
  }

  @AfterEach
  void close() throws Exception {
    sandbox.close();
  }

  Process controller(File out, File err) throws Exception {
    return CutoverProcess.start(Map.of(), out, err, List.of("run", plan.toString(), "--json",
        "--state-dir", dir.resolve("state").toString(), "--route53-endpoint", sandbox.endpoint.toString(),
        "--cloudwatch-endpoint", sandbox.endpoint.toString(), "--time-speed", String.valueOf(SPEED),
        "--by", "signal-test"));
  }

  /** Starts a controller, waits until it bakes 5%, sends {@code signal}; returns its exit code and output. */
  CutoverProcess.Result interruptWhileBaking(String signal) throws Exception {
    File out = dir.resolve("out.jsonl").toFile();
    File err = dir.resolve("err.txt").toFile();
    Process p = controller(out, err);
    assertThat(OnePair.awaitEvent(dir.resolve("state"), "api-signals", "bake-started", Duration.ofSeconds(60),
        p::isAlive)).as("bakes 5%%: %s", Files.readString(err.toPath())).isTrue();
    assertThat(p.isAlive()).as("still baking 5%%: %s", Files.readString(err.toPath())).isTrue();
    assumeFalse(signal.equals("INT") && ignores(p, 2), "this test runs with SIGINT ignored (a background job)");
    int changesBefore = sandbox.changes.size();

    Process kill = new ProcessBuilder("kill", "-" + signal, String.valueOf(p.pid())).start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).as("exits after SIG%s", signal).isTrue();

    assertThat(sandbox.changes).as("nothing changed on the way out").hasSize(changesBefore);
    assertThat(sandbox.weights("api.example.com.")).containsExactly(95, 5);
    return new CutoverProcess.Result(p.exitValue(), Files.readString(out.toPath()), Files.readString(err.toPath()));
  }

  @Test
  void sigtermExits143SayingWhereTrafficIsAndRunResumesToTheEnd() throws Exception {
    CutoverProcess.Result r = interruptWhileBaking("TERM");

    assertThat(r.exit()).as(r.toString()).isEqualTo(143);
    assertThat(r.err()).contains("interrupted by SIGTERM: traffic stays where the journal says",
        "`cutover run " + plan + "` resumes");
    JsonNode last = lastJsonLine(r);
    assertThat(last.get("type").asText()).isEqualTo("exit");
    assertThat(last.get("exitCode").asInt()).isEqualTo(143);

    SandboxFixture.Run resumed = sandbox.cli("run", plan.toString());
    assertThat(resumed.exit()).as(resumed.toString()).isZero();
    assertThat(resumed.out()).contains("resumed at 5%");
    assertThat(sandbox.weights("api.example.com.")).containsExactly(0, 100);
  }

  @Test
  void sigintExits130SayingWhereTrafficIs() throws Exception {
    CutoverProcess.Result r = interruptWhileBaking("INT");

    assertThat(r.exit()).as(r.toString()).isEqualTo(130);
    assertThat(r.err()).contains("interrupted by SIGINT (Ctrl-C)");
    assertThat(lastJsonLine(r).get("exitCode").asInt()).isEqualTo(130);
  }

  /** Every stdout line is a JSON object; the last one. */
  static JsonNode lastJsonLine(CutoverProcess.Result r) throws Exception {
    JsonNode last = null;
    for (String line : r.out().lines().toList()) {
      last = new ObjectMapper().readTree(line);
      assertThat(last.isObject()).as(line).isTrue();
    }
    assertThat(last).as(r.toString()).isNotNull();
    return last;
  }

  /** Whether the process ignores {@code signal} (Linux: the SigIgn mask in /proc/PID/status). */
  static boolean ignores(Process p, int signal) throws Exception {
    Path status = Path.of("/proc", String.valueOf(p.pid()), "status");
    if (!Files.exists(status)) {
      return false;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("SigIgn:")) {
        return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (signal - 1))) != 0;
      }
    }
    return false;
  }
}
