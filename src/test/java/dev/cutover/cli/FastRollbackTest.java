package dev.cutover.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The picocli-free `rollback`: the plain form parses exactly as picocli parses it; everything else goes to picocli. */
class FastRollbackTest {

  @Test
  void thePlainFormParsesToWhatPicocliParses() {
    List<String[]> plain = List.of(
        args("rollback", "plan.yaml"),
        args("rollback", "plan.yaml", "--no-wait"),
        args("rollback", "--no-wait", "plan.yaml"),
        args("--state-dir", "/var/cutover", "rollback", "plan.yaml", "--no-wait"),
        args("rollback", "plan.yaml", "--state-dir=/var/cutover", "--by", "alice@pager"),
        args("--route53-endpoint", "http://127.0.0.1:4566", "--cloudwatch-endpoint=http://127.0.0.1:4567",
            "rollback", "config/a=b.yaml"),
        args("--debug", "--store", "dynamodb:journal", "rollback", "plan.yaml"),
        args("rollback", "rollback"));

    for (String[] a : plain) {
      Optional<FastRollback.Parsed> fast = FastRollback.parse(a);
      assertThat(fast).as(String.join(" ", a)).isPresent();
      assertThat(fast.get()).as(String.join(" ", a)).isEqualTo(picocli(a));
    }
  }

  @Test
  void everythingElseIsLeftToPicocli() {
    List<String[]> other = List.of(
        args("rollback"),
        args("rollback", "a.yaml", "b.yaml"),
        args("rollback", "--help"),
        args("rollback", "-h", "plan.yaml"),
        args("--version"),
        args("status", "plan.yaml"),
        args("--no-wait", "rollback", "plan.yaml"),
        args("rollback", "plan.yaml", "--no-wait", "--no-wait"),
        args("rollback", "plan.yaml", "--no-wait=true"),
        args("rollback", "plan.yaml", "--by", "a", "--by", "b"),
        args("rollback", "plan.yaml", "--by"),
        args("rollback", "plan.yaml", "--by="),
        args("rollback", "plan.yaml", "--by", "--no-wait"),
        args("rollback", "plan.yaml", "--time-speed", "60"),
        args("rollback", "plan.yaml", "--unknown"),
        args("rollback", "@args.txt"),
        args("rollback", "--", "plan.yaml"),
        args("rollback", "plan.yaml", "--route53-endpoint", "http://bad host:1"),
        args("run", "rollback"));

    for (String[] a : other) {
      assertThat(FastRollback.parse(a)).as(String.join(" ", a)).isEmpty();
    }
  }

  @Test
  void aPlanThatCannotBeReadEndsAsPicocliEndsIt() {
    String[] a = args("rollback", "no/such/plan.yaml", "--no-wait");
    ByteArrayOutputStream fastErr = new ByteArrayOutputStream();
    ByteArrayOutputStream picoErr = new ByteArrayOutputStream();

    OptionalInt fast = FastRollback.run(a, o -> unused(fastErr), System.out,
        new PrintStream(fastErr, true, StandardCharsets.UTF_8));
    CommandLine cl = CutoverCli.commandLine(new CutoverCli(o -> unused(picoErr)));
    cl.setErr(new PrintWriter(picoErr, true, StandardCharsets.UTF_8));
    int pico = cl.execute(a);

    assertThat(fast).hasValue(2).hasValue(pico);
    assertThat(fastErr.toString(StandardCharsets.UTF_8)).contains("no/such/plan.yaml")
        .isEqualTo(picoErr.toString(StandardCharsets.UTF_8));
  }

  /** What picocli makes of {@code a}: the root's global options and the rollback command's own. */
  private static FastRollback.Parsed picocli(String[] a) {
    CutoverCli root = new CutoverCli(o -> {
      throw new AssertionError("not run");
    });
    CommandLine.ParseResult r = CutoverCli.commandLine(root).parseArgs(a);
    RollbackCommand rollback = (RollbackCommand) r.subcommand().commandSpec().userObject();
    return new FastRollback.Parsed(root.options(), rollback.planFile, rollback.noWait);
  }

  /** An environment whose only use is printing: loading the plan fails before anything else is asked. */
  private static Environment unused(ByteArrayOutputStream err) {
    return new Environment() {
      @Override public io.vertx.core.Vertx vertx() { throw new AssertionError(); }
      @Override public dev.cutover.port.Scheduler scheduler() { throw new AssertionError(); }
      @Override public java.time.Clock clock() { throw new AssertionError(); }
      @Override public dev.cutover.port.DnsWeights dns(dev.cutover.domain.Plan plan) { throw new AssertionError(); }
      @Override public dev.cutover.port.BlockingDnsWeights blockingDns(dev.cutover.domain.Plan plan) {
        throw new AssertionError();
      }
      @Override public dev.cutover.port.Signals signals(dev.cutover.domain.Plan plan) { throw new AssertionError(); }
      @Override public dev.cutover.port.PlanStore store(String planName) { throw new AssertionError(); }
      @Override public dev.cutover.port.TokenStore tokens() { throw new AssertionError(); }
      @Override public PrintStream out() { return System.out; }
      @Override public PrintStream err() { return new PrintStream(err, true, StandardCharsets.UTF_8); }
      @Override public String actor() { return "test"; }
    };
  }

  private static String[] args(String... a) {
    return a;
  }
}
