package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plan fields reach the terminal escaped in every command that prints them: an alarm name that would clear the
 * screen and overwrite the line (the real command line against the sandbox).
 */
@Timeout(120)
class ConsoleEscapesIT {
  /** YAML double-quoted escapes: ESC [2J clears the screen, CR returns to the start of the line. */
  static final String PLAN = """
      name: api-escapes
      zone: ZONE
      settle: 0s
      records:
        - { name: api.example.com., type: CNAME, heroku: heroku, aws: aws }
      steps:
        - { split: 100, bake: 30s }
      gates:
        alarms: [api-5xx, "\\e[2Jevil\\rgate"]
        poll: 5s
      """;

  @TempDir Path dir;
  SandboxFixture sandbox;
  Path plan;

  @BeforeEach
  void world() throws Exception {
    sandbox = OnePair.sandbox(40, dir, "api-5xx");
    plan = sandbox.plan(dir, PLAN);
  }

  @AfterEach
  void close() throws Exception {
    sandbox.close();
  }

  static void assertEscaped(SandboxFixture.Run run) {
    assertThat(run.out() + run.err()).as(run.toString()).contains("\\x1b[2Jevil\\rgate")
        .doesNotContain("\u001b", "\r");
  }

  @Test
  void planPrintsTheAlarmNameEscaped() {
    SandboxFixture.Run run = sandbox.cli("plan", plan.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(3); // the alarm does not exist: preflight would fail
    assertEscaped(run);
  }

  @Test
  void runPrintsThePreflightProblemEscaped() {
    SandboxFixture.Run run = sandbox.cli("run", plan.toString());

    assertThat(run.exit()).as(run.toString()).isEqualTo(3);
    assertEscaped(run);
  }

  @Test
  void statusPrintsTheGateEscaped() {
    SandboxFixture.Run run = sandbox.cli("status", plan.toString());

    assertEscaped(run);
  }
}
