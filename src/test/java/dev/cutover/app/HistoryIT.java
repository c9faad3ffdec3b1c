package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudwatch.model.StateValue;

/** `history` after a rollback: the rollback's entries say who and which command, in time order. */
@Timeout(120)
class HistoryIT {
  @TempDir Path dir;

  @Test
  void aRollbackReadsAsRollbackByWhomWithTheCommand() throws Exception {
    try (SandboxFixture sandbox = new SandboxFixture(40, dir.resolve("state"))) {
      sandbox.zone("example.com.");
      sandbox.pair("api.example.com.", 100, 0);
      sandbox.alarm("api-5xx", StateValue.OK);
      Path plan = sandbox.plan(dir, """
          name: api-history
          zone: ZONE
          settle: 0s
          records: [{ name: api.example.com., type: CNAME, heroku: heroku, aws: aws }]
          steps: [{ split: 50, bake: 30s }, { split: 100, bake: 30s }]
          gates: { alarms: [api-5xx], poll: 5s }
          """);
      assertThat(sandbox.cli("run", plan.toString()).exit()).isZero();
      assertThat(sandbox.cli("rollback", plan.toString(), "--no-wait").exit()).isZero();

      SandboxFixture.Run history = sandbox.cli("history", plan.toString());

      List<String> lines = history.out().lines().toList();
      assertThat(lines).as(history.toString())
          .anyMatch(l -> l.endsWith("rollback by tester (cutover rollback command): REVERTING to 100% Heroku"))
          .anyMatch(l -> l.contains("rollback change ") && l.endsWith("every pair to 100% Heroku by UPSERT"))
          .noneMatch(l -> l.contains("trigger: operator"));
      List<String> times = lines.stream().map(l -> l.substring(0, 8)).toList();
      assertThat(times).as("in time order").isSorted();
    }
  }
}
