package dev.cutover.app;

import dev.cutover.cli.CutoverCli;
import dev.cutover.cli.TokenCommand;

/** {@code cutover}: the command line against real AWS (or endpoints that speak its protocols). */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command and returns its exit code (tests call this in-process). */
  public static int run(String... args) {
    Logs.configure(args);
    CutoverCli cli = new CutoverCli(o -> new AppEnvironment(o, System.out, System.err, o.timeSpeed()));
    return CutoverCli.commandLine(cli, new DemoCommand(), new SandboxCommand(), new RehearseCommand(),
        new TokenCommand())
        .execute(args);
  }
}
