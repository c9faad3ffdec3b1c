package dev.cutover.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code cutover demo} as a user runs it: exit code, live progress, closing report. */
@Timeout(180)
class DemoCommandIT {
  @TempDir Path state;

  record Run(int exit, String out) {}

  Run demo(String... args) {
    PrintStream original = System.out;
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    System.setOut(new PrintStream(buffer, true, StandardCharsets.UTF_8));
    try {
      String[] all = new String[args.length + 3];
      all[0] = "demo";
      all[1] = "--state-dir";
      all[2] = state.toString();
      System.arraycopy(args, 0, all, 3, args.length);
      int exit = Main.run(all);
      return new Run(exit, buffer.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(original);
    }
  }

  @Test
  void theHappyDemoCompletesAndExitsZero() {
    Run run = demo();
    System.out.println(run.out());

    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("step 1/3: shifting 0% → 5% AWS", "step 3/3: shifting 50% → 100% AWS",
        "finished COMPLETED (exit 0)", "traffic: aws", "result: COMPLETED (exit 0)");
    assertThat(run.out()).as("the sandbox's Heroku reached the rehearsal's drain")
        .containsPattern("Heroku drain: [1-9][0-9]* requests in router lines, [0-9.]+% 5xx, p99 [0-9]+ ms");
  }

  @Test
  void route53ThrottlingForThirtySecondsStillCompletes() {
    Run run = demo("--scenario", "throttling");
    System.out.println(run.out());

    assertThat(run.exit()).as(run.out()).isZero();
    assertThat(run.out()).contains("sandbox fault started", "route53.throttle", "finished COMPLETED");
  }

  @Test
  void anUnknownScenarioIsBadInputNamingTheBuiltIns() {
    Run run = demo("--scenario", "no-such-scenario");

    assertThat(run.exit()).isEqualTo(2);
  }
}
