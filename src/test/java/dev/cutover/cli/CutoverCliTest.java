package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cutover.domain.Plan;
import dev.cutover.port.BlockingDnsWeights;
import dev.cutover.port.DnsWeights;
import dev.cutover.port.PlanStore;
import dev.cutover.port.Scheduler;
import dev.cutover.port.Signals;
import dev.cutover.port.TokenStore;
import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line's contract for errors: exit codes and messages, never a stack trace unless --debug. */
class CutoverCliTest {
  final ByteArrayOutputStream err = new ByteArrayOutputStream();
  final ByteArrayOutputStream out = new ByteArrayOutputStream();

  int run(String... args) {
    Environment broken = new Environment() {
      @Override public Vertx vertx() { throw new IllegalStateException("boom"); }
      @Override public Scheduler scheduler() { throw new IllegalStateException("boom"); }
      @Override public Clock clock() { throw new IllegalStateException("boom"); }
      @Override public DnsWeights dns(Plan plan) { throw new IllegalStateException("boom"); }
      @Override public BlockingDnsWeights blockingDns(Plan plan) { throw new IllegalStateException("boom"); }
      @Override public Signals signals(Plan plan) { throw new IllegalStateException("boom"); }
      @Override public PlanStore store(String planName) { throw new IllegalStateException("boom"); }
      @Override public TokenStore tokens() { throw new IllegalStateException("boom"); }
      @Override public PrintStream out() { return System.out; }
      @Override public PrintStream err() { return new PrintStream(err, true, StandardCharsets.UTF_8); }
      @Override public String actor() { return "test"; }
    };
    var cl = CutoverCli.commandLine(new CutoverCli(o -> broken));
    cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    return cl.execute(args);
  }

  @Test
  void aBugExitsOneWithTheMessageAndNoStackTrace() {
    int exit = run("status", "config/example.yaml");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: boom", "rerun with --debug")
        .doesNotContain("\tat ");
  }

  @Test
  void debugPrintsTheStackTrace() {
    int exit = run("--debug", "status", "config/example.yaml");

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("\tat ");
  }

  @Test
  void aMissingPlanFileIsInvalidInput() {
    int exit = run("status", "no/such/plan.yaml");

    assertThat(exit).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("no/such/plan.yaml");
  }

  @Test
  @Timeout(20)
  void validateRefusesADeviceFileWithExitTwoInsteadOfRunningOutOfMemory() {
    assumeTrue(Files.exists(Path.of("/dev/zero")));

    assertThat(run("validate", "/dev/zero")).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("/dev/zero", "character device");
  }

  @Test
  @Timeout(20)
  void runRefusesAFifoWithExitTwoInsteadOfHanging(@TempDir Path dir) throws Exception {
    Path fifo = dir.resolve("plan.yaml");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor(5, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "no mkfifo");

    assertThat(run("validate", fifo.toString())).isEqualTo(2);
    assertThat(run("status", fifo.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains(fifo.toString(), "FIFO");
  }

  @Test
  void validatePrintsControlCharactersFromThePlanEscaped(@TempDir Path dir) throws Exception {
    Path plan = Files.writeString(dir.resolve("plan.yaml"), "name: \"\\e[2Japi\\rprod\"\n");

    assertThat(run("validate", plan.toString())).isEqualTo(2);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\\x1b[2Japi\\rprod").doesNotContain("\u001b", "\r");
  }

  @Test
  void anInvalidPlanIsOneEscapedLinePerProblemOnStderr(@TempDir Path dir) throws Exception {
    Path plan = Files.writeString(dir.resolve("plan.yaml"), "name: \"\\e[2J\"\nzone: x\n");

    assertThat(run("status", plan.toString())).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("\\x1b[2J").doesNotContain("\u001b");
  }

  @Test
  void anUnknownOptionIsInvalidInputWithUsage() {
    assertThat(run("run", "--no-such-option", "config/example.yaml")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("Unknown option");
  }
}
