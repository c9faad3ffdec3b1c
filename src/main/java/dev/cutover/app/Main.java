package dev.cutover.app;

import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.TokenCommand;
import java.io.PrintStream;
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
    return commandLine(System.out, System.err).execute(args);
  }

  /** Every command, the sandbox ones included, printing to {@code out} and {@code err}. */
  static CommandLine commandLine(PrintStream out, PrintStream err) {
    CutoverCli cli = new CutoverCli(o -> new AppEnvironment(o, out, err, o.timeSpeed()));
    CommandLine cl = CutoverCli.commandLine(cli, new DemoCommand(), new SandboxCommand(), new RehearseCommand(),
        new TokenCommand(), new ServeCommand());
    cl.setOut(new java.io.PrintWriter(out, true));
    cl.setErr(new java.io.PrintWriter(err, true));
    return cl;
  }
}
