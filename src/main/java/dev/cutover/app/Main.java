package dev.cutover.app;

import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.Environment;
import dev.cutover.cli.FastRollback;
import dev.cutover.cli.TokenCommand;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;
import picocli.CommandLine;

/** {@code cutover}: the command line against real AWS (or endpoints that speak its protocols). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command and returns its exit code (tests call this in-process). */
  public static int run(String... args) {
    Logs.configure(args);
    List<AppEnvironment> envs = new ArrayList<>();
    try {
      // an incident responder's `rollback` skips picocli's start-up (docs/benchmarks.md); anything unusual goes on
      OptionalInt fast = FastRollback.run(args, tracked(System.out, System.err, envs), System.out, System.err);
      if (fast.isPresent()) {
        return fast.getAsInt();
      }
      return commandLine(System.out, System.err, envs).execute(args);
    } finally {
      // stopped event loops let the JVM exit at once (AppEnvironment#close)
      envs.forEach(AppEnvironment::close);
    }
  }

  /** Every command, the sandbox ones included, printing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    return commandLine(out, err, new ArrayList<>());
  }

  private static CommandLine commandLine(PrintStream out, PrintStream err, List<AppEnvironment> envs) {
    CutoverCli cli = new CutoverCli(tracked(out, err, envs));
    CommandLine cl = CutoverCli.commandLine(cli, new DemoCommand(), new SandboxCommand(), new RehearseCommand(),
        new TokenCommand(), new ServeCommand());
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    return cl;
  }

  /** The environment factory, remembering what it made so that it can be closed. */
  private static Function<CutoverCli.Options, Environment> tracked(PrintStream out, PrintStream err,
      List<AppEnvironment> envs) {
    return o -> {
      AppEnvironment e = new AppEnvironment(o, out, err, o.timeSpeed());
      envs.add(e);
      return e;
    };
  }
}
